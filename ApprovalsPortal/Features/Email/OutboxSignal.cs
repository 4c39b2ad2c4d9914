using Quartz;

namespace ApprovalsPortal.Features.Email;

/// <summary>Asks Quartz to run the dispatch job now, so an email goes out seconds after the change that made it.</summary>
public sealed class OutboxSignal(ISchedulerFactory schedulers, ILogger<OutboxSignal> logger)
{
    public void Notify() => _ = TriggerAsync();

    private async Task TriggerAsync()
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            if (scheduler.Status == SchedulerStatus.Running) await scheduler.TriggerJob(OutboxDispatchJob.Key, new JobDataMap(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The regular poll delivers it anyway.
            logger.LogDebug(ex, "Could not trigger the outbox job");
        }
    }
}
