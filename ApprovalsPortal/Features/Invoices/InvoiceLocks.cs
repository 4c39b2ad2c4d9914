using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>Documents wait for invoices: a lock names an outstanding invoice of the document's own account.</summary>
internal sealed class InvoiceLocks : IDocumentLocks
{
    public async Task<string> LockingAsync(AppDbContext db, int accountId, int lockId, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == lockId && i.ClientAccountId == accountId, ct)
                      ?? throw new PortalRuleException("That invoice is not one of this account's: a document can only wait for an invoice of its own account.");
        invoice.HoldDocuments();
        return $"invoice {invoice.Number}";
    }
}
