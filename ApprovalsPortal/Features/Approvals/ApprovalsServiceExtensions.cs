using ApprovalsPortal.Features.Notifications;

namespace ApprovalsPortal.Features.Approvals;

public static class ApprovalsServiceExtensions
{
    public static WebApplicationBuilder AddApprovals(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalEvents>();
        builder.Services.AddScoped<ApprovalService>();
        builder.Services.AddScoped<ClientApprovalService>();
        builder.Services.AddSingleton<ApprovalMail>();
        return builder;
    }
}
