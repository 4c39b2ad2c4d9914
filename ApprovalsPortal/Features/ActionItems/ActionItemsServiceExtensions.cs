using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using Quartz;

namespace ApprovalsPortal.Features.ActionItems;

public static class ActionItemsServiceExtensions
{
    /// <summary>The shared life of action items: kinds registry, emails, staff and client services, the reminder sweep.</summary>
    public static WebApplicationBuilder AddActionItems(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ActionItemKinds>();
        services.AddSingleton<IAuditLabels>(s => s.GetRequiredService<ActionItemKinds>());
        services.AddSingleton<ActionItemMail>();
        services.AddSingleton<ActionItemInbox>();
        services.AddScoped<ActionItemService>();
        services.AddScoped<PendingActionService>();
        services.AddScoped<ReminderSweep>();
        services.AddSingleton<ActionItemParticipation>();
        services.AddSingleton<IAccountChangeParticipant>(s => s.GetRequiredService<ActionItemParticipation>());
        services.AddSingleton<IDocumentChangeParticipant>(s => s.GetRequiredService<ActionItemParticipation>());

        // AddQuartz adds to the scheduler that Email set up; Quartz only wakes the sweep, the data says what is due.
        services.AddQuartz(q =>
        {
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(ReminderSweepJob.Key));
            q.AddTrigger(t => t.ForJob(ReminderSweepJob.Key).WithIdentity("reminder-sweep-every-minute")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        return builder;
    }

    /// <summary>How a feature plugs a kind of action item into the shared life.</summary>
    public static IServiceCollection AddActionItemKind<TKind>(this IServiceCollection services) where TKind : class, IActionItemKind =>
        services.AddSingleton<IActionItemKind, TKind>();
}
