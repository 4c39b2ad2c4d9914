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
/// misses nothing; each reminder email has a unique key (request, number, contact), so a sweep that crashes and
/// runs again never sends one twice.
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<AppDbContext> dbFactory,
    ApprovalMail mail,
    OutboxSignal outboxSignal,
    TimeProvider clock,
    ILogger<ReminderService> logger)
{
    private const int BatchSize = 200;

    /// <summary>The scheduler acts as the portal itself in the audit trail.</summary>
    private static readonly PortalUser System = new("system", "Automatic reminder", false, false, false);

    /// <summary>Sends every reminder that is due now; returns how many requests were reminded.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reminded = 0;
        var lastId = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Never for a document the client can no longer see: its folder must still be ClientCanView.
            var due = await db.ApprovalRequests
                .Include(r => r.Document)
                .Where(r => r.Id > lastId && r.Status == ApprovalStatus.Pending && r.RemindersEnabled
                            && r.NextReminderAt != null && r.NextReminderAt <= now && r.RemindersSent < r.ReminderCount
                            && r.Document!.DeletedAt == null && r.Document.Folder!.Access == FolderAccess.ClientCanView)
                .OrderBy(r => r.Id).Take(BatchSize).ToListAsync(ct);
            if (due.Count == 0) break;

            foreach (var request in due)
            {
                var dueAt = request.NextReminderAt!.Value;
                request.RemindersSent++;
                request.LastReminderAt = now;
                request.NextReminderAt = ApprovalRules.NextReminderAfterSending(request, dueAt, now);
                request.ConcurrencyStamp = Guid.NewGuid();
                await mail.QueueRequestAsync(db, request.Document!, request, ApprovalEmailKind.Reminder, ct, request.RemindersSent);
                db.AuditEvents.Add(AuditEvent.For(System, request.Document!, AuditAction.ReminderSent,
                    $"Reminder {request.RemindersSent} of {request.ReminderCount} sent", now));
            }
            try
            {
                await db.SaveChangesAsync(ct);
                reminded += due.Count;
            }
            catch (DbUpdateException ex)
            {
                // A client decided (or staff cancelled) during the sweep, or these reminders exist already:
                // nothing of this batch is written; the next sweep looks at them again with fresh data.
                logger.LogWarning(ex, "A reminder batch was not written; it is retried on the next sweep");
            }
            lastId = due[^1].Id;
        }

        if (reminded > 0)
        {
            logger.LogInformation("Sent reminders for {Count} approval requests", reminded);
            outboxSignal.Notify();
        }
        return reminded;
    }
}
