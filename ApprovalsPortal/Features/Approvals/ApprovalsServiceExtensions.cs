using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Approvals;

public static class ApprovalsServiceExtensions
{
    public static WebApplicationBuilder AddApprovals(this WebApplicationBuilder builder)
    {
        builder.Services.AddActionItemKind<ApprovalKind>();
        builder.Services.AddScoped<ApprovalService>();
        builder.Services.AddScoped<ClientApprovalService>();
        builder.Services.AddScoped<DisapprovalReasonAdmin>();
        builder.Services.AddScoped<ApprovalFlows>();
        builder.Services.AddSingleton<ApprovalMail>();
        return builder;
    }
}
