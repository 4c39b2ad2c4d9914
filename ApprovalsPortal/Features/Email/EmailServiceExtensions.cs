using Quartz;

namespace ApprovalsPortal.Features.Email;

public static class EmailServiceExtensions
{
    /// <summary>The outbox, its dispatcher and the Quartz scheduler that wakes it (and the jobs other features add).</summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailTransportFactory>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutgoingMailService>();

        var pollSeconds = builder.Configuration.GetValue<int?>("Portal:Smtp:PollSeconds") is { } seconds and >= 1 ? seconds : 15;
        services.AddQuartz(q =>
        {
            q.AddJob<OutboxDispatchJob>(j => j.WithIdentity(OutboxDispatchJob.Key));
            q.AddTrigger(t => t.ForJob(OutboxDispatchJob.Key).WithIdentity("outbox-dispatch-poll")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(pollSeconds)).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
