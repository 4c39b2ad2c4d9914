using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>Staff's reads of invoices: lists with what is outstanding, one invoice whole, what the editor needs.</summary>
public sealed partial class InvoiceService
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public string Currency => Defaults.Currency;

    public async Task<InvoiceEditorContext> GetEditorContextAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Name).SingleOrDefaultAsync(ct)
                   ?? throw new NotFoundOrForbiddenException("The client account");
        var recipients = await ActionItemMail.RecipientsAsync(db, accountId, ct);
        var portalContacts = await db.Contacts.CountAsync(c => c.ClientAccountId == accountId && c.PortalAccess, ct);
        return new InvoiceEditorContext(accountId, name, await items.ListJobsAsync(actor, accountId, ct), recipients, portalContacts,
            Defaults.Currency, Defaults.DueDays, DefaultReminders);
    }

    public async Task<InvoiceListResult> ListAsync(PortalUser actor, InvoiceFilter filter, int take = 50, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.Status == InvoiceStatus.Draft).ThenByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(take)
            .Select(i => new
            {
                i.Id, i.Number, i.ClientAccountId, AccountName = db.ClientAccounts.Where(a => a.Id == i.ClientAccountId).Select(a => a.Name).First(),
                i.Status, i.IssueDate, i.DueDate, i.Currency, i.Total, i.Paid, i.JobId,
                RemindersEnabled = i.Item != null && i.Item.RemindersEnabled, RemindersSent = i.Item != null ? i.Item.RemindersSent : 0,
                ReminderCount = i.Item != null ? i.Item.ReminderCount : 0, NextReminderAt = i.Item != null ? i.Item.NextReminderAt : null,
            })
            .ToListAsync(ct);
        var jobs = await items.JobNamesAsync(rows.Where(r => r.JobId != null).Select(r => r.JobId!.Value).Distinct().ToList(), ct);
        var page = new PagedResult<InvoiceListRow>(rows.Select(r => new InvoiceListRow(r.Id, r.Number, r.ClientAccountId, r.AccountName, r.Status, r.IssueDate, r.DueDate,
            r.Currency, r.Total, r.Paid, r.JobId is { } j ? jobs.GetValueOrDefault(j) : null,
            r.RemindersEnabled, r.RemindersSent, r.ReminderCount, r.NextReminderAt)).ToList(), total);

        // SQLite keeps decimals as text and cannot add them up exactly: the sums are made here, over the whole filter.
        var today = Today;
        var owed = await Filtered(db, filter).Where(i => i.Status == InvoiceStatus.Unpaid || i.Status == InvoiceStatus.PartiallyPaid)
            .Select(i => new { i.Currency, i.Total, i.Paid, i.DueDate }).ToListAsync(ct);
        var outstanding = owed.GroupBy(o => o.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OutstandingTotal(g.Key, g.Sum(o => o.Total - o.Paid), g.Count(), g.Count(o => o.DueDate < today))).ToList();
        return new InvoiceListResult(page, outstanding);
    }

    private static IQueryable<Invoice> Filtered(AppDbContext db, InvoiceFilter filter)
    {
        var query = db.Invoices.AsNoTracking().AsQueryable();
        if (filter.AccountId is { } accountId) query = query.Where(i => i.ClientAccountId == accountId);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Outstanding) query = query.Where(i => i.Status == InvoiceStatus.Unpaid || i.Status == InvoiceStatus.PartiallyPaid);
        if (filter.From is { } from) query = query.Where(i => i.IssueDate >= from);
        if (filter.To is { } to) query = query.Where(i => i.IssueDate <= to);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + AccountService.EscapeLike(filter.Search.Trim()) + "%";
            query = query.Where(i => EF.Functions.Like(i.Number, pattern, "\\")
                                     || db.ClientAccounts.Any(a => a.Id == i.ClientAccountId && EF.Functions.Like(a.Name, pattern, "\\")));
        }
        return query;
    }

    public async Task<InvoiceDetails> GetAsync(PortalUser actor, int invoiceId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DetailsAsync(db, invoiceId, ct) ?? throw new NotFoundOrForbiddenException("The invoice");
    }

    /// <summary>The invoice behind an item: links in emails and to-dos name the item.</summary>
    public async Task<int?> FindByItemAsync(PortalUser actor, int itemId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invoices.Where(i => i.ActionItemId == itemId).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>One invoice whole, for any reader who may see it (the caller checks who).</summary>
    internal async Task<InvoiceDetails?> DetailsAsync(AppDbContext db, int invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Payments).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return null;
        var accountName = await db.ClientAccounts.Where(a => a.Id == invoice.ClientAccountId).Select(a => a.Name).SingleAsync(ct);
        var item = invoice.ActionItemId is { } itemId ? await db.ActionItems.AsNoTracking().Where(i => i.Id == itemId).Select(ActionItemService.ToSummary).SingleAsync(ct) : null;
        var locked = await db.Documents.AsNoTracking().Where(d => d.LockedByInvoiceId == invoiceId).OrderBy(d => d.Name)
            .Select(d => new LockedDocumentRow(d.Id, d.Name)).ToListAsync(ct);
        var jobName = invoice.JobId is { } jobId ? (await items.JobNamesAsync([jobId], ct)).GetValueOrDefault(jobId) : null;
        return new InvoiceDetails(invoice.Id, invoice.ClientAccountId, accountName, invoice.Number, invoice.Status, invoice.IssueDate, invoice.DueDate,
            invoice.Currency, invoice.Note, invoice.Subtotal, invoice.Tax, invoice.Total, invoice.Paid,
            invoice.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLineRow(l.Description, l.Quantity, l.UnitPrice, l.TaxRatePercent, l.Net, l.Tax)).ToList(),
            invoice.Payments.OrderBy(p => p.PaidOn).ThenBy(p => p.Id)
                .Select(p => new PaymentRow(p.Id, p.Amount, p.PaidOn, p.Method, p.Reference, p.RecordedByName, p.RecordedAt)).ToList(),
            locked, item, invoice.JobId, jobName, invoice.CreatedByName, invoice.CreatedAt, invoice.SentAt, invoice.VoidedAt, invoice.VoidedByName);
    }
}
