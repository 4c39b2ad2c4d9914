using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Portal;

/// <summary>A shared document as the client's list shows it, with where its approval stands.</summary>
/// <remarks><paramref name="LockedBy"/> names the invoice the document waits for: listed, not opened, until it is paid.</remarks>
public sealed record PortalDocumentRow(int Id, string Name, string Description, string ContentType, long SizeBytes, DateTime UploadedAt, string AccountName, ApprovalStatus? ApprovalStatus, string? LockedBy = null, Signatures.SignatureState? Signature = null);

/// <summary>What the portal's start page shows a client (or staff viewing as one): Pending action and the shared documents.</summary>
public sealed class ClientPortalService(IDbContextFactory<AppDbContext> dbFactory, PendingActionService pendingActions)
{
    public Task<IReadOnlyList<PendingActionRow>> ListPendingActionsAsync(PortalUser viewer, CancellationToken ct = default) =>
        pendingActions.ListAsync(viewer, ct);

    /// <summary>The documents a client user may see, across all their accounts, newest first.</summary>
    public async Task<IReadOnlyList<PortalDocumentRow>> ListDocumentsAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from d in db.Documents.AsNoTracking().VisibleTo(db, viewer)
                join i in db.ActionItems on d.CurrentApprovalRequestId equals i.Id into requests
                from i in requests.DefaultIfEmpty()
                orderby d.UploadedAt descending, d.Id descending
                select new
                {
                    d.Id, d.Name, d.Description, d.ContentType, d.SizeBytes, d.UploadedAt, AccountName = d.ClientAccount!.Name, Status = i == null ? (ActionItemStatus?)null : i.Status,
                    LockedBy = db.Invoices.Where(v => v.Id == d.LockedByInvoiceId).Select(v => v.Number).FirstOrDefault(),
                })
            .ToListAsync(ct);
        // An approval waiting on a locked document is not the client's to see until the invoice is paid.
        var signatures = await Signatures.SignatureService.StatesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new PortalDocumentRow(r.Id, r.Name, r.Description, r.ContentType, r.SizeBytes, r.UploadedAt, r.AccountName,
            r.LockedBy is null ? ApprovalRequest.StatusOf(r.Status) : null, r.LockedBy, signatures.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>The accounts whose shared documents this client sees: their events concern this client's screens.</summary>
    public async Task<IReadOnlySet<int>> ListAccountIdsAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Contacts.Where(c => c.UserId == viewer.UserId && c.PortalAccess).Select(c => c.ClientAccountId).ToListAsync(ct);
        return ids.ToHashSet();
    }
}
