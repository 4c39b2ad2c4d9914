namespace ApprovalsPortal.Features.Audit;

public static class AuditServiceExtensions
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditService>();
        builder.Services.AddScoped<AdminAuditService>();
        return builder;
    }
}
