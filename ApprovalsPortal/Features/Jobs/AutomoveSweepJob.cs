using Quartz;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>Once a minute, moves the jobs whose automove was missed when their last item was completed.</summary>
[DisallowConcurrentExecution]
public sealed class AutomoveSweepJob(JobAutomove automove) : IJob
{
    public static readonly JobKey Key = new("automove-sweep");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await automove.SweepAsync(cancellationToken);
}
