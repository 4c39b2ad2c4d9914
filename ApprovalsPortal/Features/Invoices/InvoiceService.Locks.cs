using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>"Pending payment": which invoices a document can wait for, and what a locked document says.</summary>
public sealed partial class InvoiceService
{
    /// <summary>The account's outstanding invoices, newest first: what a document can be locked to.</summary>
    public async Task<IReadOnlyList<InvoiceOption>> ListLockOptionsAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientAccountId == accountId && (i.Status == InvoiceStatus.Unpaid || i.Status == InvoiceStatus.PartiallyPaid))
            .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Number, i.Total, i.Paid, i.Currency }).ToListAsync(ct);
        return rows.Select(r => new InvoiceOption(r.Id, r.Number!, InvoiceRules.Money(r.Total - r.Paid, r.Currency))).ToList();
    }

    /// <summary>
    /// The invoice a document waits for, for staff or a client of the invoice's account (who may see the invoice
    /// anyway); null for anyone else or a lock that no longer names a sent invoice.
    /// </summary>
    public async Task<DocumentLock?> GetLockAsync(PortalUser viewer, int invoiceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId && i.Number != null);
        if (!viewer.IsStaff)
        {
            var userId = viewer.UserId;
            query = query.Where(i => db.Contacts.Any(c => c.ClientAccountId == i.ClientAccountId && c.UserId == userId && c.PortalAccess));
        }
        var row = await query.Select(i => new { i.Id, i.Number, i.Total, i.Paid, i.Currency }).SingleOrDefaultAsync(ct);
        return row is null ? null : new DocumentLock(row.Id, row.Number!, InvoiceRules.Money(row.Total - row.Paid, row.Currency));
    }
}
