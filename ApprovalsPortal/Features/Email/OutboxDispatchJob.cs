using Quartz;

namespace ApprovalsPortal.Features.Email;

/// <summary>Quartz wakes the dispatcher every few seconds and whenever new mail is queued; one run at a time.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await dispatcher.DispatchAsync(cancellationToken);
}
