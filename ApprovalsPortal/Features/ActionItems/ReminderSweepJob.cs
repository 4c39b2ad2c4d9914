using Quartz;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>Quartz only wakes the sweep once a minute; what is due is decided by the data.</summary>
[DisallowConcurrentExecution]
public sealed class ReminderSweepJob(ReminderSweep reminders) : IJob
{
    public static readonly JobKey Key = new("reminder-sweep");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await reminders.SweepAsync(cancellationToken);
}
