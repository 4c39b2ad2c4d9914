using ApprovalsPortal.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// <c>/health</c> for load balancers and monitors: "Healthy" (200) when the database answers a query and the
/// scheduler (reminders, outbox, jobs) runs, "Unhealthy" (503) otherwise. Anonymous callers get the one word and
/// nothing else; the failing check and its exception go to the log.
/// </summary>
public static class PortalHealth
{
    public const string Path = "/health";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(10))
            .AddCheck<SchedulerHealthCheck>("scheduler", timeout: TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>
    /// As middleware ahead of sign-in, the first-run page and status code pages: a monitor is never redirected, and
    /// a fresh install with no admin yet is still a running portal.
    /// </summary>
    public static IApplicationBuilder UsePortalHealth(this IApplicationBuilder app) =>
        app.UseHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
}

/// <summary>A real query, not only an open file: a missing, locked or damaged database fails here.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        _ = await db.ClientAccounts.AsNoTracking().Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>Quartz runs the reminders, the outbox and the jobs' sweep: a portal without it would stop sending mail.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The scheduler is not running.");
    }
}
