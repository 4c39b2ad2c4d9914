using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>
/// Turns due reminders of every kind into outbox messages, in the same transaction that moves each schedule on.
/// The schedule is data (NextReminderAt, RemindersSent), so a restart misses nothing; after downtime an item gets one
/// reminder at the next sweep and the rest keep their interval. Each reminder email has a unique key, so a sweep that
/// crashes and runs again never sends one twice.
/// </summary>
public sealed class ReminderSweep(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemKinds kinds,
    ActionItemMail mail,
    OutboxSignal outboxSignal,
    PortalEvents events,
    TimeProvider clock,
    ILogger<ReminderSweep> logger)
{
    private const int BatchSize = 200;

    /// <summary>The scheduler acts as the portal itself in the audit trail.</summary>
    public static readonly PortalUser System = new("system", "Automatic reminder", false, false, false);

    /// <summary>Sends every reminder that is due now; returns how many reminders went out.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        foreach (var kind in kinds.All)
        {
            sent += await SweepKindAsync(kind, now, ct);
        }
        if (sent > 0)
        {
            logger.LogInformation("Queued {Count} reminders", sent);
            outboxSignal.Notify();
        }
        return sent;
    }

    private async Task<int> SweepKindAsync(IActionItemKind kind, DateTime now, CancellationToken ct)
    {
        var sent = 0;
        var lastId = 0;
        while (!ct.IsCancellationRequested)
        {
            List<int> batch;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                batch = await Due(db, kind, now).Where(i => i.Id > lastId).OrderBy(i => i.Id).Select(i => i.Id).Take(BatchSize).ToListAsync(ct);
            }
            if (batch.Count == 0) break;
            lastId = batch[^1];

            try
            {
                sent += await RemindAsync(kind, batch, now, ct);
            }
            catch (DbUpdateException)
            {
                // One item changed meanwhile (a decision, a cancel) spoils the batch's save: go one by one, so the
                // others still get their reminders and only that one waits for the next sweep.
                foreach (var id in batch)
                {
                    try
                    {
                        sent += await RemindAsync(kind, [id], now, ct);
                    }
                    catch (DbUpdateException ex)
                    {
                        logger.LogWarning(ex, "Reminder for action item {ItemId} not written; the next sweep looks again", id);
                    }
                }
            }
        }
        return sent;
    }

    /// <summary>Waiting items of the kind whose next reminder is due, on accounts still in use, and as the kind allows.</summary>
    private static IQueryable<ActionItem> Due(AppDbContext db, IActionItemKind kind, DateTime now) =>
        db.ActionItems
            .Where(i => i.Kind == kind.Key
                        && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress)
                        && i.RemindersEnabled && !i.RemindersPaused && !i.JobArchived && i.RemindersSent < i.ReminderCount
                        && i.NextReminderAt != null && i.NextReminderAt <= now
                        && i.ClientAccount!.ArchivedAt == null)
            .Where(kind.CanRemind(db));

    private async Task<int> RemindAsync(IActionItemKind kind, IReadOnlyList<int> ids, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await Due(db, kind, now).Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        var recipients = await mail.RecipientsAsync(db, items, now, ct);
        foreach (var item in items)
        {
            item.RecordReminder(System, now, anyoneEmailed: recipients[item.Id].Any());
        }
        await mail.QueueAsync(db, items, ActionItemEmailKind.Reminder, recipients, ct);
        await db.SaveChangesAsync(ct);
        // Lists show "reminders sent/total, next due": let open screens refresh.
        foreach (var item in items)
            events.Publish(new PortalEvent(PortalEventKind.ItemChanged, item.ClientAccountId, item.DocumentId ?? 0, ActionItemId: item.Id));
        return items.Count;
    }
}
