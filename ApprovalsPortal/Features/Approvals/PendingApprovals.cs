using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// Withdraws pending requests when their document leaves the client's sight (deleted, moved to a staff-only
/// folder, or its folder made staff-only): a request the client can no longer see or answer must not linger.
/// Works on the caller's DbContext so it commits with the change that caused it.
/// </summary>
public static class PendingApprovals
{
    /// <summary>Returns the documents whose request was cancelled.</summary>
    public static async Task<IReadOnlyList<Document>> CancelForAsync(AppDbContext db, IQueryable<Document> documents, PortalUser actor, string reason, DateTime now, CancellationToken ct)
    {
        var pending = await documents.Include(d => d.CurrentApprovalRequest)
            .Where(d => d.CurrentApprovalRequest != null && d.CurrentApprovalRequest.Status == ApprovalStatus.Pending)
            .ToListAsync(ct);
        foreach (var doc in pending) await CancelAsync(db, doc, actor, reason, now, ct);
        return pending;
    }

    /// <summary>Cancels the document's pending request: status, no reminders, no to-do, an audit entry (with the reason, if any).</summary>
    public static async Task CancelAsync(AppDbContext db, Document doc, PortalUser actor, string? reason, DateTime now, CancellationToken ct)
    {
        var request = doc.CurrentApprovalRequest!;
        request.Status = ApprovalStatus.Cancelled;
        request.CancelledAt = now;
        request.CancelledByName = actor.Name;
        request.NextReminderAt = null;
        request.ConcurrencyStamp = Guid.NewGuid();
        db.PortalTodos.RemoveRange(await db.PortalTodos.Where(t => t.ApprovalRequestId == request.Id).ToListAsync(ct));
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.ApprovalCancelled, "Approval request cancelled" + (reason is null ? "" : ": " + reason), now));
    }
}
