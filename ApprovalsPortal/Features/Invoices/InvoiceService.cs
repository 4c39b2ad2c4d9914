using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>
/// Staff's side of invoices: drafts, sending under the firm's next number, payments (the final one settles the
/// item and unlocks the documents held for it), voiding. Emailing again, reminders and their stop rules are the core's.
/// </summary>
public sealed partial class InvoiceService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    ActionItemMail mail,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<InvoiceService> logger)
{
    private InvoiceDefaults Defaults => options.Value.Invoices;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public ReminderSettings DefaultReminders => new(Defaults.RemindersOn, Defaults.ReminderIntervalDays, Defaults.ReminderCount);

    public async Task<int> CreateDraftAsync(PortalUser actor, InvoiceInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ClientAccounts.AnyAsync(a => a.Id == input.AccountId, ct)) throw new NotFoundOrForbiddenException("The client account");
        var invoice = Invoice.Draft(input.AccountId, input.JobId, input.IssueDate, input.DueDate, Defaults.Currency, input.Lines, input.Note, actor, Now);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        events.Publish(new PortalEvent(PortalEventKind.ItemChanged, input.AccountId, 0));
        return invoice.Id;
    }

    public async Task EditDraftAsync(PortalUser actor, int invoiceId, InvoiceInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await LoadAsync(db, invoiceId, ct);
        invoice.Edit(input.JobId, input.IssueDate, input.DueDate, input.Lines, input.Note);
        await SaveAsync(db, "changed", ct);
        events.Publish(new PortalEvent(PortalEventKind.ItemChanged, invoice.ClientAccountId, 0));
    }

    /// <summary>
    /// Sends a draft: it takes the firm's next number, every Notify contact is emailed, the portal gets a to-do, and
    /// reminders run while it is unpaid.
    /// </summary>
    public async Task<string> SendAsync(PortalUser actor, int invoiceId, InvoiceSending sending, CancellationToken ct = default)
    {
        actor.RequireStaff();
        ActionItem.ThrowIfInvalid(sending.Message, sending.Reminders);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // First, before anything is tracked: a lost race to create the row clears the context.
        await EnsureSequenceAsync(db, ct);
        var invoice = await LoadAsync(db, invoiceId, ct);
        if (invoice.Status != InvoiceStatus.Draft) throw new PortalRuleException("This invoice was sent already. Use \"Email invoice\" to send it again.");
        if (!await db.Contacts.AnyAsync(c => c.ClientAccountId == invoice.ClientAccountId && c.PortalAccess, ct))
            throw new PortalRuleException("No contact of this account has portal access, so nobody could see or pay the invoice. Give one access on the Contacts tab first.");

        var now = Now;
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        // The first statement writes, so the number is taken under SQLite's write lock: two sends never share one.
        string number;
        do
        {
            await db.InvoiceSequences.Where(s => s.Id == InvoiceSequence.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextNumber, x => x.NextNumber + 1), ct);
            var sequence = await db.InvoiceSequences.AsNoTracking().SingleAsync(s => s.Id == InvoiceSequence.SingletonId, ct);
            number = InvoiceMath.Number(sequence.Prefix, sequence.NextNumber - 1);
        }
        // A number given before under another padding or by an older prefix is skipped, never given twice.
        while (await db.Invoices.AnyAsync(i => i.Number == number, ct));
        var title = $"{number} ({InvoiceRules.Money(invoice.Total, invoice.Currency)})";
        var jobName = invoice.JobId is { } jobId ? await items.LinkingJobAsync(db, invoice.ClientAccountId, jobId, [title], actor, ct) : null;
        var item = ActionItem.Send(Invoice.Kind, invoice.ClientAccountId, null, title, sending.Message, sending.Reminders, actor, now,
            $"Invoice {number}, due {invoice.DueDate:d MMM yyyy}; " + ActionItemService.DescribeSending(sending.Message, sending.Reminders) + (jobName is null ? "" : $"; job \"{jobName}\""),
            invoice.JobId);
        invoice.Send(number, item, now);
        await SaveAsync(db, "sent", ct);
        await items.SendAsync(db, item, ct);
        await SaveAsync(db, "sent", ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Invoice {InvoiceId} sent as {Number} by {UserId}", invoice.Id, number, actor.UserId);
        items.Published([item], PortalEventKind.ItemRequested);
        return number;
    }

    /// <summary>Reminders of an outstanding invoice: changeable until it is paid or voided.</summary>
    public async Task ChangeRemindersAsync(PortalUser actor, int invoiceId, ReminderSettings reminders, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Status, i.ActionItemId }).SingleOrDefaultAsync(ct)
                      ?? throw new NotFoundOrForbiddenException("The invoice");
        if (!invoice.Status.IsOutstanding()) throw new PortalRuleException("Reminders run only while an invoice is unpaid.");
        await items.ChangeRemindersAsync(actor, invoice.ActionItemId!.Value, reminders, ct);
    }

    /// <summary>A draft nobody has seen can go; a sent invoice keeps its number and is voided instead.</summary>
    public async Task DeleteDraftAsync(PortalUser actor, int invoiceId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await LoadAsync(db, invoiceId, ct);
        if (invoice.Status != InvoiceStatus.Draft) throw new PortalRuleException("Only a draft can be deleted: a sent invoice keeps its number. Void it instead.");
        db.Invoices.Remove(invoice);
        await SaveAsync(db, "deleted", ct);
        events.Publish(new PortalEvent(PortalEventKind.ItemChanged, invoice.ClientAccountId, 0));
    }

    /// <summary>
    /// "Email invoice": an outstanding invoice is sent again like any item (email, to-do to the top, fresh
    /// reminders); a paid one goes out as a receipt, for the client's records. A draft or a void invoice is refused.
    /// </summary>
    public async Task EmailAsync(PortalUser actor, int invoiceId, ResendInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await LoadAsync(db, invoiceId, ct);
        switch (invoice.Status)
        {
            case InvoiceStatus.Draft:
                throw new PortalRuleException("This invoice is a draft: send it first.");
            case InvoiceStatus.Void:
                throw new PortalRuleException("This invoice is void: there is nothing to email.");
            case InvoiceStatus.Unpaid or InvoiceStatus.PartiallyPaid:
                await items.ResendAsync(actor, invoice.ActionItemId!.Value, input, ct);
                return;
        }
        var item = invoice.Item!;
        var now = Now;
        var emailed = await mail.QueueAsync(db, item, ActionItemEmailKind.Copy, now, ct);
        if (emailed == 0) throw new PortalRuleException("No contact of this account has Notify on and portal access, so nobody would get the receipt.");
        item.Record(actor, Audit.AuditAction.Resent, $"Receipt emailed to {emailed} contact{(emailed == 1 ? "" : "s")}", now);
        await SaveAsync(db, "emailed", ct);
        items.Published([item], PortalEventKind.ItemChanged);
    }

    /// <summary>Records money received; the final payment settles the invoice, stops its reminders and unlocks its documents.</summary>
    public async Task<bool> RecordPaymentAsync(PortalUser actor, int invoiceId, PaymentInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var method = (input.Method ?? "").Trim();
        var reference = (input.Reference ?? "").Trim();
        if (method.Length > InvoicePayment.MaxMethodLength) throw new PortalRuleException($"The method must be at most {InvoicePayment.MaxMethodLength} characters.");
        if (reference.Length > InvoicePayment.MaxReferenceLength) throw new PortalRuleException($"The reference must be at most {InvoicePayment.MaxReferenceLength} characters.");
        if (input.PaidOn > Today.AddDays(1)) throw new PortalRuleException("The payment date cannot be in the future.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await LoadAsync(db, invoiceId, ct);
        var now = Now;
        var settled = invoice.RecordPayment(new InvoicePayment
        {
            Amount = input.Amount, PaidOn = input.PaidOn, Method = method, Reference = reference, RecordedByName = actor.Name, RecordedAt = now,
        }, actor, now);
        var unlocked = settled ? await UnlockAsync(db, actor, invoice.Id, now, $"Invoice {invoice.Number} was paid in full.", ct) : [];
        await SaveAsync(db, "recorded", ct);

        logger.LogInformation("Payment of {Amount} recorded on invoice {InvoiceId} by {UserId}", input.Amount, invoice.Id, actor.UserId);
        foreach (var documentId in unlocked) events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, invoice.ClientAccountId, documentId));
        if (settled) await items.AnsweredAsync(invoice.Item!, ct);
        else events.Publish(ActionItemService.EventFor(invoice.Item!, PortalEventKind.ItemChanged));
        return settled;
    }

    /// <summary>Voids a sent invoice on which nothing is paid: its to-do and reminders end, and its documents unlock.</summary>
    public async Task VoidAsync(PortalUser actor, int invoiceId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await LoadAsync(db, invoiceId, ct);
        var now = Now;
        invoice.Void(actor, now);
        var unlocked = await UnlockAsync(db, actor, invoice.Id, now, $"Invoice {invoice.Number} was voided.", ct);
        await SaveAsync(db, "voided", ct);
        foreach (var documentId in unlocked) events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, invoice.ClientAccountId, documentId));
        events.Publish(ActionItemService.EventFor(invoice.Item!, PortalEventKind.ItemCancelled));
    }

    /// <summary>The documents held for the invoice, released and audited; returns their ids.</summary>
    private static async Task<IReadOnlyList<int>> UnlockAsync(AppDbContext db, PortalUser actor, int invoiceId, DateTime now, string reason, CancellationToken ct)
    {
        var documents = await db.Documents.Where(d => d.LockedByInvoiceId == invoiceId).ToListAsync(ct);
        foreach (var document in documents)
        {
            document.LockedByInvoiceId = null;
            document.LastActivityAt = now;
            document.Record(actor, Audit.AuditAction.Unlocked, reason, now);
        }
        return documents.Select(d => d.Id).ToList();
    }

    /// <summary>The sequence row exists from the first sending on, starting from the configured prefix.</summary>
    private async Task EnsureSequenceAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.InvoiceSequences.AnyAsync(s => s.Id == InvoiceSequence.SingletonId, ct)) return;
        db.InvoiceSequences.Add(new InvoiceSequence { Prefix = Defaults.NumberPrefix, NextNumber = 1 });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another sending made it at the same moment: the row is there either way.
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<Invoice> LoadAsync(AppDbContext db, int invoiceId, CancellationToken ct) =>
        await db.Invoices.Include(i => i.Item).Include(i => i.Lines).Include(i => i.Payments).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, ct) ?? throw new NotFoundOrForbiddenException("The invoice");

    private static async Task SaveAsync(AppDbContext db, string attempted, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException($"Someone changed this invoice (or its job) at the same moment, so it was not {attempted}. Look at it again and retry.");
        }
    }
}
