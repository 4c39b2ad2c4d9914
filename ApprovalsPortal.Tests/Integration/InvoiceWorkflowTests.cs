using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>Invoices through the real services and a real SQLite file, with a fake clock for the reminder schedule.</summary>
public sealed class InvoiceWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private readonly FakeTimeProvider clock = new(Start);
    private PortalServices portal = default!;
    private PortalUser admin = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private PortalUser otherClient = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private (int AccountId, int SharedFolderId, int InternalFolderId) other;
    private long invitationsUpTo;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Invoices:NumberPrefix"] = "NW-",
            ["Portal:Invoices:PaymentInstructions"] = "Bank transfer to 12-34-56 12345678",
        }, s => s.AddSingleton<TimeProvider>(clock));
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Bakery Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "cleo@bakery.test", "Cleo Client");
        other = await portal.CreateAccountAsync(staff, "Other Ltd");
        otherClient = await portal.AddPortalContactAsync(staff, other.AccountId, "olga@other.test", "Olga Other");
        await using var db = portal.NewDb();
        invitationsUpTo = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private InvoiceService Invoices => portal.Get<InvoiceService>();

    private static readonly InvoiceLineInput[] Lines =
    [
        new("Year-end accounts", 1m, 1200m, 20m),
        new("Bookkeeping, hours", 2.5m, 40m, 20m),
    ];

    private async Task<int> DraftAsync(int? accountId = null, int? jobId = null) =>
        await Invoices.CreateDraftAsync(staff, new InvoiceInput(accountId ?? account.AccountId, jobId, Today, Today.AddDays(30), Lines, "Thank you."));

    private async Task<(int Id, string Number)> SentAsync(int? accountId = null, int? jobId = null, bool reminders = true)
    {
        var id = await DraftAsync(accountId, jobId);
        var number = await Invoices.SendAsync(staff, id, new InvoiceSending("Please pay by the due date.", new ReminderSettings(reminders, 3, 2)));
        return (id, number);
    }

    private async Task<List<Features.Email.OutboxMessage>> MailAsync()
    {
        await using var db = portal.NewDb();
        return await db.OutboxMessages.Where(m => m.Id > invitationsUpTo).OrderBy(m => m.Id).ToListAsync();
    }

    private Task<bool> PayAsync(int id, decimal amount) => Invoices.RecordPaymentAsync(staff, id, new PaymentInput(amount, Today, "Bank transfer", "REF-1"));

    [Fact]
    public async Task Sending_gives_the_next_number_of_the_sequence_emails_the_contacts_and_adds_a_to_do()
    {
        var draft = await DraftAsync();
        var details = await Invoices.GetAsync(staff, draft);
        Assert.Equal(InvoiceStatus.Draft, details.Status);
        Assert.Null(details.Number);
        Assert.Equal(1560m, details.Total); // 1200 + 100 net, 20 % tax on each
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));

        var first = await Invoices.SendAsync(staff, draft, new InvoiceSending("Please pay.", new ReminderSettings(true, 3, 1)));
        var (_, second) = await SentAsync();
        Assert.Equal(["NW-0001", "NW-0002"], new[] { first, second });

        var mail = await MailAsync();
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Equal("cleo@bakery.test", m.ToAddress));
        Assert.Contains("NW-0001", mail[0].Subject);
        var todo = (await portal.Get<PendingActionService>().ListAsync(client))[0];
        Assert.Equal(Invoice.Kind, todo.Kind);
        Assert.Contains("NW-0002", todo.Title);

        var refusal = await Assert.ThrowsAsync<PortalRuleException>(() =>
            Invoices.EditDraftAsync(staff, draft, new InvoiceInput(account.AccountId, null, Today, Today, Lines, "")));
        Assert.Contains("cannot be edited", refusal.Message);
    }

    [Fact]
    public async Task Admins_set_the_prefix_and_next_number_and_no_number_is_given_twice()
    {
        await SentAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => Invoices.SetNumberingAsync(staff, "X-", 5));

        await Invoices.SetNumberingAsync(admin, "HP-2026-", 100);
        Assert.Equal("HP-2026-0100", (await SentAsync()).Number);
        Assert.Equal("HP-2026-0101", (await Invoices.GetNumberingAsync(admin)).NextPreview);

        var reuse = await Assert.ThrowsAsync<PortalRuleException>(() => Invoices.SetNumberingAsync(admin, "HP-2026-", 100));
        Assert.Contains("HP-2026-0100 was given already", reuse.Message);
        var back = await Assert.ThrowsAsync<PortalRuleException>(() => Invoices.SetNumberingAsync(admin, "NW-", 1));
        Assert.Contains("at least 2", back.Message);
        Assert.NotEmpty(InvoiceService.ValidateNumbering("<script>", 1));
        Assert.NotEmpty(InvoiceService.ValidateNumbering("A-", 0));

        await Invoices.SetNumberingAsync(admin, "NW-", 2);
        Assert.Equal("NW-0002", (await SentAsync()).Number);
    }

    [Fact]
    public async Task Sends_at_the_same_moment_never_share_a_number()
    {
        var drafts = new List<int>();
        for (var i = 0; i < 6; i++) drafts.Add(await DraftAsync());
        var numbers = await Task.WhenAll(drafts.Select(id => Task.Run(() =>
            portal.Get<InvoiceService>().SendAsync(staff, id, new InvoiceSending("", new ReminderSettings(false, 3, 1))))));
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"NW-{n:0000}"), numbers.Order());
    }

    [Fact]
    public async Task A_partial_payment_keeps_the_reminders_and_the_final_one_stops_them_and_settles_the_item()
    {
        var (id, _) = await SentAsync();
        var sweep = portal.Get<ReminderSweep>();

        await PayAsync(id, 560m);
        var partly = await Invoices.GetAsync(staff, id);
        Assert.Equal(InvoiceStatus.PartiallyPaid, partly.Status);
        Assert.Equal(1000m, partly.Balance);
        Assert.True(partly.Item!.IsWaiting);

        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await sweep.SweepAsync());
        Assert.Contains(await MailAsync(), m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));

        var overpay = await Assert.ThrowsAsync<PortalRuleException>(() => PayAsync(id, 1000.01m));
        Assert.Contains("cannot be overpaid", overpay.Message);
        Assert.Contains("GBP 1,000.00", overpay.Message);

        await PayAsync(id, 1000m);
        var paid = await Invoices.GetAsync(staff, id);
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(0m, paid.Balance);
        Assert.Equal(ActionItemStatus.Done, paid.Item!.Status);
        Assert.Equal(2, paid.Payments.Count);
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));

        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await sweep.SweepAsync());
        await Assert.ThrowsAsync<PortalRuleException>(() => PayAsync(id, 1m));
    }

    [Fact]
    public async Task Voiding_ends_the_to_do_and_the_reminders_and_is_refused_once_money_is_received()
    {
        var (id, _) = await SentAsync();
        await Invoices.VoidAsync(staff, id);
        var voided = await Invoices.GetAsync(staff, id);
        Assert.Equal(InvoiceStatus.Void, voided.Status);
        Assert.Equal(ActionItemStatus.Cancelled, voided.Item!.Status);
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await portal.Get<ReminderSweep>().SweepAsync());

        var (paidOn, _) = await SentAsync();
        await PayAsync(paidOn, 10m);
        var refusal = await Assert.ThrowsAsync<PortalRuleException>(() => Invoices.VoidAsync(staff, paidOn));
        Assert.Contains("Payments are recorded", refusal.Message);
    }

    [Fact]
    public async Task Archiving_the_job_holds_the_reminders_and_paying_in_full_moves_an_automove_stage_on()
    {
        var pipelines = portal.Get<PipelineService>();
        var pipeline = await pipelines.CreateAsync(admin, "Year end");
        var billing = await pipelines.AddStageAsync(admin, pipeline, "Waiting for payment");
        await pipelines.AddStageAsync(admin, pipeline, "Release");
        await pipelines.ConfigureStageAsync(admin, billing, automove: true, automation: null);
        var jobs = portal.Get<JobChanges>();
        var job = await jobs.CreateAsync(staff, new JobInput(account.AccountId, "Year end 2026", billing, staff.UserId, null));
        var archivedJob = await jobs.CreateAsync(staff, new JobInput(account.AccountId, "Old year", billing, staff.UserId, null));

        var (id, number) = await SentAsync(jobId: job);
        var (held, _) = await SentAsync(jobId: archivedJob);
        await jobs.ArchiveAsync(staff, archivedJob);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await portal.Get<ReminderSweep>().SweepAsync());
        Assert.Equal(0, (await Invoices.GetAsync(staff, held)).Item!.RemindersSent);

        await PayAsync(id, 1560m);
        var moved = await portal.Get<JobService>().GetAsync(staff, job);
        Assert.Equal("Release", moved.Job.StageName);
        Assert.Contains(moved.Activity, a => a.Kind == JobActivityKind.Automoved && a.Details.Contains(number));
    }

    [Fact]
    public async Task Moving_the_job_on_and_cancelling_what_waits_leaves_an_unpaid_invoice_owed()
    {
        var pipelines = portal.Get<PipelineService>();
        var pipeline = await pipelines.CreateAsync(admin, "Year end");
        var first = await pipelines.AddStageAsync(admin, pipeline, "Work");
        var next = await pipelines.AddStageAsync(admin, pipeline, "Done");
        var jobs = portal.Get<JobChanges>();
        var job = await jobs.CreateAsync(staff, new JobInput(account.AccountId, "Year end 2026", first, staff.UserId, null));
        var (id, _) = await SentAsync(jobId: job);

        await jobs.MoveAsync(staff, new JobMove(job, next, WaitingItemsChoice.Cancel));
        var invoice = await Invoices.GetAsync(staff, id);
        Assert.True(invoice.Item!.IsWaiting);
        Assert.Contains(await portal.Get<PendingActionService>().ListAsync(client), t => t.ItemId == invoice.Item.Id);
        Assert.True(await PayAsync(id, 1560m));
    }

    [Fact]
    public void Amounts_too_large_for_an_invoice_get_a_message_not_an_overflow()
    {
        var errors = InvoiceRules.ValidateDraft(Today, Today, [new("Huge", decimal.MaxValue, decimal.MaxValue, 0m), new("Pricey", 1m, 200_000_000m, 0m)], "");
        Assert.Contains("Line 1: the quantity must be at most 1,000,000.", errors);
        Assert.Contains("Line 2: the amount is too large.", errors);
    }

    [Fact]
    public async Task A_locked_document_is_listed_for_the_client_but_not_opened_until_the_final_payment()
    {
        var (id, number) = await SentAsync();
        var documents = portal.Get<DocumentService>();
        var doc = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Tax return 2026.pdf", SampleFiles.Pdf());
        var approval = await portal.Get<ApprovalService>().RequestAsync(staff, doc, new ApprovalInput("Please approve.", true, 3, 2));
        Assert.Contains(await portal.Get<PendingActionService>().ListAsync(client), t => t.ItemId == approval);

        await documents.LockAsync(staff, doc, id);
        var seen = await documents.GetAsync(client, doc);
        Assert.NotNull(seen);
        Assert.Equal(id, seen.LockedByInvoiceId);
        Assert.Null(await documents.GetFileAsync(client, doc));
        Assert.NotNull(await documents.GetFileAsync(staff, doc));
        Assert.Null(await portal.Get<ClientApprovalService>().GetPromptAsync(client, doc));
        Assert.DoesNotContain(await portal.Get<PendingActionService>().ListAsync(client), t => t.ItemId == approval);
        Assert.Equal(number, (await Invoices.GetLockAsync(client, id))!.Number);
        Assert.Null(await Invoices.GetLockAsync(otherClient, id));
        Assert.Contains((await Invoices.GetAsync(staff, id)).LockedDocuments, d => d.Id == doc);

        // The approval's reminders wait for the document; the invoice's own go on.
        clock.Advance(TimeSpan.FromDays(3));
        await portal.Get<ReminderSweep>().SweepAsync();
        await using (var db = portal.NewDb())
        {
            Assert.Equal(0, await db.ActionItems.Where(i => i.Id == approval).Select(i => i.RemindersSent).SingleAsync());
            Assert.Equal(1, await db.ActionItems.Where(i => i.Kind == Invoice.Kind).Select(i => i.RemindersSent).SingleAsync());
        }

        await PayAsync(id, 1000m);
        Assert.Null(await documents.GetFileAsync(client, doc));
        await PayAsync(id, 560m);
        Assert.NotNull(await documents.GetFileAsync(client, doc));
        Assert.Null((await documents.GetAsync(client, doc))!.LockedByInvoiceId);
        Assert.NotNull(await portal.Get<ClientApprovalService>().GetPromptAsync(client, doc));
        var trail = await portal.Get<Features.Audit.AuditService>().TrailAsync(staff, doc);
        Assert.Contains(trail, e => e.Action == Features.Audit.AuditAction.Locked && e.Details.Contains(number));
        Assert.Contains(trail, e => e.Action == Features.Audit.AuditAction.Unlocked && e.Details.Contains("paid in full"));
    }

    [Fact]
    public async Task Only_an_outstanding_invoice_of_the_same_account_can_hold_a_document_also_at_upload()
    {
        var (id, _) = await SentAsync();
        var (otherInvoice, _) = await SentAsync(other.AccountId);
        var draft = await DraftAsync();
        var documents = portal.Get<DocumentService>();
        var doc = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());

        var foreign = await Assert.ThrowsAsync<PortalRuleException>(() => documents.LockAsync(staff, doc, otherInvoice));
        Assert.Contains("of its own account", foreign.Message);
        var unsent = await Assert.ThrowsAsync<PortalRuleException>(() => documents.LockAsync(staff, doc, draft));
        Assert.Contains("Send the invoice first", unsent.Message);
        Assert.Equal([id], (await Invoices.ListLockOptionsAsync(staff, account.AccountId)).Select(o => o.Id));

        var staged = await documents.StageCheckedAsync("Return.pdf", SampleFiles.Pdf().Length, new MemoryStream(SampleFiles.Pdf()), null);
        var ids = await documents.SaveUploadsAsync(staff, new UploadBatch(account.AccountId, account.SharedFolderId, "", [staged.File!], id));
        Assert.Null(await documents.GetFileAsync(client, ids[0]));

        await PayAsync(id, 1560m);
        var paid = await Assert.ThrowsAsync<PortalRuleException>(() => documents.LockAsync(staff, doc, id));
        Assert.Contains("only an unpaid invoice", paid.Message);
        Assert.NotNull(await documents.GetFileAsync(client, ids[0]));
    }

    [Fact]
    public async Task Email_invoice_resends_an_unpaid_one_and_sends_a_paid_one_as_a_receipt()
    {
        var (id, number) = await SentAsync();
        var draft = await DraftAsync();
        var before = (await MailAsync()).Count;
        await Invoices.EmailAsync(staff, id, new ResendInput("A copy, as asked.", new ReminderSettings(true, 3, 1)));
        var resent = (await MailAsync()).Skip(before).Single();
        Assert.Contains(number, resent.Subject);
        Assert.Equal(1, (await Invoices.GetAsync(staff, id)).Item!.ResendCount);

        await PayAsync(id, 1560m);
        await Invoices.EmailAsync(staff, id, new ResendInput("", new ReminderSettings(false, 3, 1)));
        var receipt = (await MailAsync()).Last(m => m.ToAddress == "cleo@bakery.test");
        Assert.StartsWith("Receipt", receipt.Subject);
        Assert.Contains(number, receipt.Subject);

        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => Invoices.EmailAsync(staff, draft, new ResendInput("", new ReminderSettings(false, 3, 1))));
        Assert.Contains("draft", refused.Message);
    }

    [Fact]
    public async Task The_pdf_shows_the_firm_the_account_the_lines_and_the_totals_to_staff_and_the_accounts_clients_only()
    {
        var (id, number) = await SentAsync();
        await PayAsync(id, 560m);
        var invoices = portal.Get<ClientInvoiceService>();
        var pdf = await invoices.PdfAsync(client, id);
        Assert.NotNull(pdf);
        Assert.Equal($"Invoice {number}.pdf", pdf.Value.FileName);
        using (var document = PdfDocument.Open(pdf.Value.Content))
        {
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            foreach (var expected in new[] { "Bakery Ltd", number, "Year-end accounts", "Bookkeeping, hours", "GBP 1,560.00", "GBP 260.00", "GBP 1,000.00", "12-34-56" })
                Assert.Contains(expected, text);
        }
        Assert.NotNull(await invoices.PdfAsync(staff, id));
        Assert.Null(await invoices.PdfAsync(otherClient, id));
        Assert.Null(await invoices.PdfAsync(client, await DraftAsync()));
    }

    [Fact]
    public async Task Lists_filter_by_status_account_and_date_and_total_what_is_outstanding()
    {
        var (a, _) = await SentAsync();
        var (b, _) = await SentAsync();
        await SentAsync(other.AccountId);
        await DraftAsync();
        await PayAsync(a, 560m);
        await PayAsync(b, 1560m);

        var all = await Invoices.ListAsync(staff, new InvoiceFilter());
        Assert.Equal(4, all.Page.TotalCount);
        var owed = Assert.Single(all.Outstanding);
        Assert.Equal(1000m + 1560m, owed.Balance);
        Assert.Equal(2, owed.Count);

        var mine = await Invoices.ListAsync(staff, new InvoiceFilter(Outstanding: true, AccountId: account.AccountId));
        Assert.Equal([a], mine.Page.Items.Select(r => r.Id));
        Assert.Equal(1000m, mine.Outstanding.Single().Balance);
        Assert.Equal(1, (await Invoices.ListAsync(staff, new InvoiceFilter(Status: InvoiceStatus.Unpaid))).Page.TotalCount);
        Assert.Equal([b], (await Invoices.ListAsync(staff, new InvoiceFilter(Status: InvoiceStatus.Paid))).Page.Items.Select(r => r.Id));
        Assert.Equal(1, (await Invoices.ListAsync(staff, new InvoiceFilter(Status: InvoiceStatus.Draft))).Page.TotalCount);
        Assert.Equal(0, (await Invoices.ListAsync(staff, new InvoiceFilter(From: Today.AddDays(1)))).Page.TotalCount);
        Assert.Equal(4, (await Invoices.ListAsync(staff, new InvoiceFilter(From: Today, To: Today))).Page.TotalCount);
    }
}
