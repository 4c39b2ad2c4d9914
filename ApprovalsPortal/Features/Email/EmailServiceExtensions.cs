using ApprovalsPortal.Features.Reminders;
using Quartz;

namespace ApprovalsPortal.Features.Email;

public static class EmailServiceExtensions
{
    /// <summary>The outbox, its dispatcher, the reminder sweep and the Quartz scheduler that wakes both.</summary>
    public static WebApplicationBuilder AddEmailAndReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailTransportFactory>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<ReminderService>();
        services.AddScoped<OutgoingMailService>();

        var pollSeconds = builder.Configuration.GetValue<int?>("Portal:Smtp:PollSeconds") is { } seconds and >= 1 ? seconds : 15;
        services.AddQuartz(q =>
        {
            q.AddJob<OutboxDispatchJob>(j => j.WithIdentity(OutboxDispatchJob.Key));
            q.AddTrigger(t => t.ForJob(OutboxDispatchJob.Key).WithIdentity("outbox-dispatch-poll")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(pollSeconds)).RepeatForever()));
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(ReminderSweepJob.Key));
            q.AddTrigger(t => t.ForJob(ReminderSweepJob.Key).WithIdentity("reminder-sweep-every-minute")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
