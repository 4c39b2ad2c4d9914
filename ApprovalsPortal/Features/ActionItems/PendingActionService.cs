using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>The client's Pending action: every waiting item of every kind on their accounts, latest sent or resent first.</summary>
public sealed class PendingActionService(IDbContextFactory<AppDbContext> dbFactory, ActionItemKinds kinds, ILogger<PendingActionService> logger)
{
    public async Task<IReadOnlyList<PendingActionRow>> ListAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await VisibleTo(db, viewer)
            .Where(i => i.TodoAt != null && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress))
            .OrderByDescending(i => i.TodoAt).ThenByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Kind, i.ClientAccountId, i.DocumentId, i.Title, i.Message, AccountName = i.ClientAccount!.Name, i.LastSentAt })
            .ToListAsync(ct);
        var list = new List<PendingActionRow>(rows.Count);
        foreach (var r in rows)
        {
            // An item of a kind this version does not know (written by a newer one, say) must not break the page.
            if (!kinds.TryGet(r.Kind, out var kind))
            {
                logger.LogWarning("Action item {ItemId} has the unknown kind {Kind}; it is left out of Pending action", r.Id, r.Kind);
                continue;
            }
            list.Add(new PendingActionRow(r.Id, r.Kind, kind.Icon, r.Title, kind.TodoCaption, r.Message, r.AccountName, r.LastSentAt,
                kind.PortalHref(new ActionItemLink(r.Id, r.Kind, r.ClientAccountId, r.DocumentId))));
        }
        return list;
    }

    /// <summary>
    /// Items on accounts where the viewer is a contact with portal access; an item about a document only while the
    /// client can open that document (not while it waits for an invoice's payment).
    /// </summary>
    public static IQueryable<ActionItem> VisibleTo(AppDbContext db, PortalUser viewer)
    {
        var accounts = db.Contacts.Where(c => c.UserId == viewer.UserId && c.PortalAccess).Select(c => c.ClientAccountId);
        var documents = db.Documents.OpenableBy(db, viewer);
        var userId = viewer.UserId;
        // An item addressed to named contacts (signers) is a to-do only for those asked now.
        var mine = db.ActionItemAddressees.Where(a => a.Waiting && db.Contacts.Any(c => c.Id == a.ContactId && c.UserId == userId));
        return db.ActionItems.AsNoTracking()
            .Where(i => accounts.Contains(i.ClientAccountId) && (i.DocumentId == null || documents.Any(d => d.Id == i.DocumentId))
                        && (!i.Addressed || mine.Any(a => a.ActionItemId == i.Id)));
    }
}
