namespace ApprovalsPortal.Features.Notifications;

public static class NotificationsServiceExtensions
{
    /// <summary>The live-update hub every screen subscribes to, and the staff inbox.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalEvents>();
        builder.Services.AddSingleton<SharedQueries>();
        builder.Services.AddScoped<InboxService>();
        return builder;
    }
}
