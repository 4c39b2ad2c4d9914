using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Email;

public sealed record OutgoingMailRow(long Id, string ToName, string ToAddress, string Subject, OutboxStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError);

/// <summary>The admin's view of the outbox: what went out, what waits, what failed and why.</summary>
public sealed class OutgoingMailService(IDbContextFactory<AppDbContext> dbFactory, OutboxSignal signal, TimeProvider clock)
{
    public async Task<PagedResult<OutgoingMailRow>> ListAsync(PortalUser actor, OutboxStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = db.OutboxMessages.AsNoTracking();
        if (status is not null) messages = messages.Where(m => m.Status == status);
        var total = await messages.CountAsync(ct);
        var rows = await messages.OrderByDescending(m => m.Id).Skip(page * pageSize).Take(pageSize)
            .Select(m => new OutgoingMailRow(m.Id, m.ToName, m.ToAddress, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError))
            .ToListAsync(ct);
        return new PagedResult<OutgoingMailRow>(rows, total);
    }

    /// <summary>Puts a failed message back in the queue, to be sent at once with the same Message-ID.</summary>
    public async Task RetryAsync(PortalUser actor, long messageId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == messageId, ct) ?? throw new NotFoundOrForbiddenException("The message");
        if (message.Status != OutboxStatus.Failed) throw new PortalRuleException("Only failed messages can be retried.");
        message.Status = OutboxStatus.Pending;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    /// <summary>Puts every failed message back in the queue (after the mail server is fixed, say); returns how many.</summary>
    public async Task<int> RetryAllFailedAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, OutboxStatus.Pending).SetProperty(x => x.NextAttemptAt, now), ct);
        if (count > 0) signal.Notify();
        return count;
    }

    public async Task<int> CountFailedAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, ct);
    }
}
