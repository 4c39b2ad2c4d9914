using ApprovalsPortal.Features.ActionItems;
using Quartz;

namespace ApprovalsPortal.Features.Jobs;

public static class JobsServiceExtensions
{
    /// <summary>Jobs, pipelines, automove and stage automations; the kinds reach jobs through <see cref="IItemJobs"/>.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IItemJobs, JobLinks>();
        services.AddScoped<JobService>();
        services.AddScoped<JobChanges>();
        services.AddScoped<PipelineService>();
        services.AddScoped<StageEntry>();
        services.AddScoped<JobAutomove>();
        services.AddScoped<JobFlows>();
        services.AddQuartz(q =>
        {
            q.AddJob<AutomoveSweepJob>(j => j.WithIdentity(AutomoveSweepJob.Key));
            q.AddTrigger(t => t.ForJob(AutomoveSweepJob.Key).WithIdentity("automove-sweep-every-minute")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        return builder;
    }
}
