namespace ApprovalsPortal.Features.Administration;

public static class AdministrationServiceExtensions
{
    public static WebApplicationBuilder AddAdministration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StaffUserService>();
        builder.Services.AddScoped<FirmSettingsService>();
        return builder;
    }
}
