using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Audit;

/// <summary>Reads audit trails (staff only); writing happens inside each feature's own transaction.</summary>
public sealed class AuditService(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<IAuditLabels> labels)
{
    /// <summary>
    /// A document's trail, latest first: its own entries and those of the items that concern it. A deleted document
    /// disappears everywhere, its trail with it (the rows stay in the database).
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> TrailAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trail = db.AuditEvents.AsNoTracking().Where(a => a.DocumentId == documentId);
        if (await trail.AnyAsync(a => a.Action == AuditAction.Deleted, ct)) return [];
        return await trail
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditEntry(a.Id, a.Action, a.ItemKind, a.ActorName, a.Details, a.At))
            .ToListAsync(ct);
    }

    /// <summary>One action item's trail, latest first, whatever its kind (and whether or not it concerns a document).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ItemTrailAsync(PortalUser actor, int actionItemId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEvents.AsNoTracking().Where(a => a.ActionItemId == actionItemId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditEntry(a.Id, a.Action, a.ItemKind, a.ActorName, a.Details, a.At))
            .ToListAsync(ct);
    }

    public string Label(AuditEntry entry)
    {
        if (entry.ItemKind is { } kind)
        {
            foreach (var provider in labels)
            {
                if (provider.Label(entry.Action, kind) is { } label) return label;
            }
        }
        return entry.Action switch
        {
            AuditAction.Uploaded => "Uploaded",
            AuditAction.Renamed => "Renamed",
            AuditAction.Moved => "Moved",
            AuditAction.DescriptionChanged => "Description changed",
            AuditAction.Deleted => "Deleted",
            AuditAction.Requested => "Requested",
            AuditAction.Resent => "Resent",
            AuditAction.Cancelled => "Cancelled",
            AuditAction.Completed => "Completed",
            AuditAction.Declined => "Declined",
            AuditAction.RemindersChanged => "Reminders changed",
            AuditAction.ReminderSent => "Reminder sent",
            AuditAction.JobLinked => "Job changed",
            AuditAction.Edited => "Changed",
            AuditAction.Reopened => "Reopened",
            AuditAction.Closed => "Closed",
            AuditAction.LinkOpened => "Link opened",
            AuditAction.LinkRevoked => "Link revoked",
            AuditAction.PaymentRecorded => "Payment recorded",
            AuditAction.Locked => "Locked until paid",
            AuditAction.Unlocked => "Unlocked",
            AuditAction.SignatureGiven => "Signed",
            _ => entry.Action.ToString(),
        };
    }
}
