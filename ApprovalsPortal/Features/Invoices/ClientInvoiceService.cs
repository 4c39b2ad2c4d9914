using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>An invoice as the client's portal shows it: the invoice, how to pay, and the firm's name.</summary>
public sealed record PortalInvoiceView(InvoiceDetails Invoice, string PaymentInstructions, string FirmName);

/// <summary>One of the client's invoices in their list.</summary>
public sealed record PortalInvoiceRow(int Id, string Number, string AccountName, InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, string Total, string Balance);

/// <summary>
/// The client's side of invoices: every sent invoice of the accounts where they are a contact with portal access
/// (drafts are the firm's own). Anything else is "not found", whoever asks.
/// </summary>
public sealed class ClientInvoiceService(IDbContextFactory<AppDbContext> dbFactory, InvoiceService invoices, IOptions<PortalOptions> options)
{
    public async Task<PortalInvoiceView?> GetByItemAsync(PortalUser viewer, int itemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await Visible(db, viewer).Where(i => i.ActionItemId == itemId).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await ViewAsync(db, viewer, id.Value, ct);
    }

    public async Task<PortalInvoiceView?> GetAsync(PortalUser viewer, int invoiceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, viewer).AnyAsync(i => i.Id == invoiceId, ct) ? await ViewAsync(db, viewer, invoiceId, ct) : null;
    }

    /// <summary>The client's invoices, outstanding first, then newest.</summary>
    public async Task<IReadOnlyList<PortalInvoiceRow>> ListAsync(PortalUser viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Visible(db, viewer)
            .OrderByDescending(i => i.Status == InvoiceStatus.Unpaid || i.Status == InvoiceStatus.PartiallyPaid).ThenByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Number, AccountName = db.ClientAccounts.Where(a => a.Id == i.ClientAccountId).Select(a => a.Name).First(),
                i.Status, i.IssueDate, i.DueDate, i.Total, i.Paid, i.Currency,
            })
            .ToListAsync(ct);
        return rows.Select(r => new PortalInvoiceRow(r.Id, r.Number!, r.AccountName, r.Status, r.IssueDate, r.DueDate,
            InvoiceRules.Money(r.Total, r.Currency), InvoiceRules.Money(r.Status == InvoiceStatus.Void ? 0 : r.Total - r.Paid, r.Currency))).ToList();
    }

    /// <summary>The invoice as a PDF, for staff or a client who may see it; null otherwise.</summary>
    public async Task<(string FileName, byte[] Content)?> PdfAsync(PortalUser viewer, int invoiceId, CancellationToken ct = default)
    {
        var details = viewer.IsStaff ? await invoices.GetAsync(viewer, invoiceId, ct) : (await GetAsync(viewer, invoiceId, ct))?.Invoice;
        if (details is null) return null;
        var portal = options.Value;
        var content = InvoicePdf.Render(details, portal.FirmName, portal.Invoices.PaymentInstructions);
        return ($"Invoice {details.Number ?? "draft " + details.Id}.pdf", content);
    }

    private async Task<PortalInvoiceView> ViewAsync(AppDbContext db, PortalUser viewer, int invoiceId, CancellationToken ct)
    {
        var details = await invoices.DetailsAsync(db, invoiceId, ct) ?? throw new InvalidOperationException("The invoice went away while it was read.");
        // A document locked to the invoice but kept from the client (a staff-only folder) is not named to them.
        var lockedIds = details.LockedDocuments.Select(d => d.Id).ToList();
        var visible = (await db.Documents.AsNoTracking().VisibleTo(db, viewer).Where(d => lockedIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        details = details with { LockedDocuments = details.LockedDocuments.Where(d => visible.Contains(d.Id)).ToList() };
        return new PortalInvoiceView(details, options.Value.Invoices.PaymentInstructions, options.Value.FirmName);
    }

    private static IQueryable<Invoice> Visible(AppDbContext db, PortalUser viewer)
    {
        if (!viewer.IsClient) return db.Invoices.Where(_ => false);
        var userId = viewer.UserId;
        return db.Invoices.AsNoTracking().Where(i => i.Number != null
            && db.Contacts.Any(c => c.ClientAccountId == i.ClientAccountId && c.UserId == userId && c.PortalAccess));
    }
}
