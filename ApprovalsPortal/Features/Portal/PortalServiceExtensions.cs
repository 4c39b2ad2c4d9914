namespace ApprovalsPortal.Features.Portal;

public static class PortalServiceExtensions
{
    /// <summary>The client's portal (named so it is not mistaken for the whole app's AddPortal).</summary>
    public static WebApplicationBuilder AddClientPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClientPortalService>();
        return builder;
    }
}
