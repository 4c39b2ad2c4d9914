using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Reminders;

/// <summary>
/// Turns due reminders into outbox messages. The schedule is data (NextReminderAt, RemindersSent), so a restart
/// misses nothing: reminders that fell due while the portal was down go out on the next sweep, once each. Each
/// reminder email has a unique key (request, number, contact), so a sweep that crashes and runs again never sends
/// one twice.
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<AppDbContext> dbFactory,
    ApprovalMail mail,
    OutboxSignal outboxSignal,
    Notifications.PortalEvents events,
    TimeProvider clock,
    ILogger<ReminderService> logger)
{
    private const int BatchSize = 200;

    /// <summary>The scheduler acts as the portal itself in the audit trail.</summary>
    private static readonly PortalUser System = new("system", "Automatic reminder", false, false, false);

    /// <summary>Sends every reminder that is due now; returns how many reminders went out.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        var lastId = 0;
        while (!ct.IsCancellationRequested)
        {
            List<int> batch;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                batch = await Due(db, now).Where(r => r.Id > lastId).OrderBy(r => r.Id).Select(r => r.Id).Take(BatchSize).ToListAsync(ct);
            }
            if (batch.Count == 0) break;
            lastId = batch[^1];

            try
            {
                sent += await RemindAsync(batch, now, ct);
            }
            catch (DbUpdateException)
            {
                // One request changed meanwhile (a decision, a cancel) spoils the batch's save: go one by one, so
                // the others still get their reminders and only that one waits for the next sweep.
                foreach (var id in batch)
                {
                    try
                    {
                        sent += await RemindAsync([id], now, ct);
                    }
                    catch (DbUpdateException ex)
                    {
                        logger.LogWarning(ex, "Reminder for approval request {RequestId} not written; the next sweep looks again", id);
                    }
                }
            }
        }

        if (sent > 0)
        {
            logger.LogInformation("Queued {Count} reminders", sent);
            outboxSignal.Notify();
        }
        return sent;
    }

    /// <summary>Pending requests whose next reminder is due, never for a document the client can no longer see.</summary>
    private static IQueryable<ApprovalRequest> Due(AppDbContext db, DateTime now) =>
        db.ApprovalRequests.Where(r => r.Status == ApprovalStatus.Pending && r.RemindersEnabled
                                       && r.NextReminderAt != null && r.NextReminderAt <= now && r.RemindersSent < r.ReminderCount
                                       && r.Document!.DeletedAt == null && r.Document.Folder!.Access == FolderAccess.ClientCanView);

    private async Task<int> RemindAsync(IReadOnlyList<int> requestIds, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = await Due(db, now).Where(r => requestIds.Contains(r.Id)).Include(r => r.Document).ToListAsync(ct);
        var sent = 0;
        foreach (var request in requests)
        {
            while (request.NextReminderAt is { } due && due <= now && request.RemindersSent < request.ReminderCount)
            {
                request.RemindersSent++;
                request.LastReminderAt = now;
                request.NextReminderAt = ApprovalRules.NextReminderAfterSending(request, due);
                var emailed = await mail.QueueRequestAsync(db, request.Document!, request, ApprovalEmailKind.Reminder, ct, request.RemindersSent);
                db.AuditEvents.Add(AuditEvent.For(System, request.Document!, AuditAction.ReminderSent,
                    $"Reminder {request.RemindersSent} of {request.ReminderCount}" +
                    (emailed > 0 ? " sent" : " due, but no contact with portal access has Notify on: nobody was emailed"), now));
                sent++;
            }
            request.ConcurrencyStamp = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
        // Lists show "reminders sent/total, next due": let open screens refresh.
        foreach (var request in requests)
            events.Publish(new Notifications.PortalEvent(Notifications.PortalEventKind.DocumentChanged, request.ClientAccountId, request.DocumentId));
        return sent;
    }
}
