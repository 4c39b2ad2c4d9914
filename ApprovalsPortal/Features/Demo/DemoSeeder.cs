using System.Text;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Requests;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Demo;

/// <summary>
/// Fills a fresh database with a small firm's worth of data through the same services the screens use, so the demo
/// has audit trails and follows every rule.
/// </summary>
public sealed class DemoSeeder(
    PortalDbContextFactory dbFactory,
    UserAdministration users,
    AccountService accounts,
    ContactService contacts,
    DocumentService documents,
    PipelineService pipelines,
    JobChanges jobs,
    RequestService requests,
    InvoiceService invoices,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    /// <summary>
    /// Seeds the demo through the portal's own services in one transaction: each service's changes are a savepoint
    /// in it, and nothing is written unless all of it is (a failure or a killed process leaves an empty firm, and
    /// the next start seeds again).
    /// </summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        using var transaction = dbFactory.BeginSharedTransaction();
        var adminId = await CreateLoginAsync(DemoLogins.Admin, Roles.Admin);
        var admin = new PortalUser(adminId, DemoLogins.Admin.Name, true, false, false);
        var staffId = await CreateLoginAsync(DemoLogins.Staff, Roles.Staff);
        var staff = new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false);

        var northwind = await accounts.CreateAsync(staff, "Northwind Bakery", ct);
        await AddPortalContactAsync(staff, northwind, DemoLogins.Client.Name, DemoLogins.Client.Email, ct);
        await contacts.SaveAsync(staff, new ContactInput(null, northwind, "Noah Baker", "noah@northwind.test", Notify: false, PortalAccess: false), ct);

        var bluebird = await accounts.CreateAsync(staff, "Bluebird Design Studio", ct);
        await AddPortalContactAsync(staff, bluebird, "Maya Chen", "maya@bluebird.test", ct);

        var carter = await accounts.CreateAsync(staff, "Carter Family Trust", ct);
        await AddPortalContactAsync(staff, carter, "James Carter", "james@carter.test", ct);

        var folders = await LoadFoldersAsync(ct);
        await UploadAsync(staff, northwind, folders[(northwind, Folder.DefaultSharedName)], "2026 Annual Accounts.pdf",
            SamplePdf.Create("Northwind Bakery - Annual Accounts 2026", [
                "Turnover: 412,800.00", "Cost of sales: 198,350.00", "Gross profit: 214,450.00",
                "Administrative expenses: 131,900.00", "Net profit before tax: 82,550.00",
                "Prepared by Harbor & Pine Accounting for approval by the directors."]),
            "Year-end accounts for your review", ct);
        await UploadAsync(staff, northwind, folders[(northwind, Folder.DefaultSharedName)], "Monthly sales chart.png",
            SamplePng.BarChart(360, 200, [0.35, 0.5, 0.45, 0.7, 0.8, 0.65]), "Sales by month, January to June", ct);
        await UploadAsync(staff, northwind, folders[(northwind, Folder.DefaultSharedName)], "VAT return notes.txt",
            Encoding.UTF8.GetBytes("VAT return - second quarter\n\nBoxes 1-9 prepared from the bank feeds.\nPlease confirm the figures before we file.\n"),
            "Notes for the Q2 VAT return", ct);
        await UploadAsync(staff, northwind, folders[(northwind, Folder.DefaultInternalName)], "Working papers.csv",
            Encoding.UTF8.GetBytes("account,debit,credit\nSales,,412800\nPurchases,198350,\nWages,88200,\n"),
            "Internal working papers", ct);
        await UploadAsync(staff, bluebird, folders[(bluebird, Folder.DefaultSharedName)], "Payroll summary March.pdf",
            SamplePdf.Create("Bluebird Design Studio - Payroll March", ["Gross pay: 24,310.00", "Employer NI: 2,904.12", "Net pay: 18,770.41"]),
            "", ct);
        await UploadAsync(staff, carter, folders[(carter, Folder.DefaultSharedName)], "Trust tax return 2025-26.pdf",
            SamplePdf.Create("Carter Family Trust - Tax return 2025-26", ["Income: 58,200.00", "Tax due: 11,640.00"]),
            "Please review before we file", ct);

        await SeedJobsAsync(admin, staff, northwind, bluebird, carter, ct);
        await requests.CreateAsync(staff, new RequestInput(bluebird, "March bookkeeping questions", "A few questions before we close March. Your answers are saved as you type.", null,
        [
            new(QuestionType.Section, "Sales and expenses"),
            new(QuestionType.Number, "Cash sales not in the bank feed", "In pounds; 0 if none.", Required: true),
            new(QuestionType.YesNo, "Did you buy equipment over 1,000 in March?", Required: true),
            new(QuestionType.MultipleChoice, "Which accounts were used for business?", Options: ["Business current account", "Credit card", "Personal account"]),
            new(QuestionType.Section, "Documents"),
            new(QuestionType.FileUpload, "Receipts for March", "Photos or PDFs are fine.", ManyFiles: true),
            new(QuestionType.LongText, "Anything else we should know?"),
        ], [], new ReminderSettings(true, 3, 1), null), ct);

        await SeedInvoicesAsync(staff, northwind, carter, ct);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.PortalSettings.Add(new PortalSetting { Key = PortalSetting.DemoData, Value = "true" });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Demo data seeded: sign in as {AdminEmail}, {StaffEmail} or {ClientEmail}",
            DemoLogins.Admin.Email, DemoLogins.Staff.Email, DemoLogins.Client.Email);
    }

    /// <summary>
    /// The "Tax return" pipeline with a few jobs. Client review moves jobs on when the client has approved, and
    /// entering it asks for approval of the account's "Tax returns" folder, which the Carter trust has.
    /// </summary>
    private async Task SeedJobsAsync(PortalUser admin, PortalUser staff, int northwind, int bluebird, int carter, CancellationToken ct)
    {
        var taxReturn = await pipelines.CreateAsync(admin, "Tax return", ct);
        var stages = new List<int>();
        foreach (var name in new[] { "Preparation", "Client review", "Filing", "Done" }) stages.Add(await pipelines.AddStageAsync(admin, taxReturn, name, ct));
        await pipelines.ConfigureStageAsync(admin, stages[1], automove: true,
            new StageAutomation("Tax returns", "Your tax return is ready. Please review it and approve it so that we can file it.", new ReminderSettings(true, 3, 2)), ct);

        var bookkeeping = await pipelines.CreateAsync(admin, "Monthly bookkeeping", ct);
        var bookkeepingStages = new List<int>();
        foreach (var name in new[] { "Collect records", "Reconcile", "Report sent" }) bookkeepingStages.Add(await pipelines.AddStageAsync(admin, bookkeeping, name, ct));

        var taxFolder = await accounts.SaveFolderAsync(staff, carter, null, "Tax returns", FolderAccess.ClientCanView, ct);
        await UploadAsync(staff, carter, taxFolder, "Trust tax computation 2025-26.pdf",
            SamplePdf.Create("Carter Family Trust - Tax computation 2025-26", ["Trust income: 58,200.00", "Allowable expenses: 4,100.00", "Tax due: 11,640.00"]),
            "Computation behind the trust's return", ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await jobs.CreateAsync(staff, new JobInput(carter, "Trust tax return 2025-26", stages[0], staff.UserId, today.AddDays(21)), ct);
        await jobs.CreateAsync(staff, new JobInput(northwind, "Corporation tax return 2026", stages[0], staff.UserId, today.AddDays(45)), ct);
        await jobs.CreateAsync(staff, new JobInput(bluebird, "Self-assessment 2025-26", stages[2], admin.UserId, today.AddDays(10)), ct);
        await jobs.CreateAsync(staff, new JobInput(bluebird, "Bookkeeping March", bookkeepingStages[1], staff.UserId, today.AddDays(5)), ct);
    }

    private async Task<string> CreateLoginAsync(DemoLogin login, string role)
    {
        var result = await users.CreateUserAsync(login.Name, login.Email, DemoLogins.Password, role);
        if (!result.Succeeded) throw new InvalidOperationException("Demo login not created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == login.Email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// A paid invoice for Northwind, and an unpaid one for the Carter trust that its tax return waits for
    /// ("Pending payment"): James Carter sees the return listed, locked, until staff record the payment.
    /// </summary>
    private async Task SeedInvoicesAsync(PortalUser staff, int northwind, int carter, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var paid = await invoices.CreateDraftAsync(staff, new InvoiceInput(northwind, null, today.AddDays(-20), today.AddDays(10),
            [new("Year-end accounts 2026", 1m, 1200m, 20m), new("Payroll, monthly runs", 3m, 45m, 20m)], "Thank you for your business."), ct);
        await invoices.SendAsync(staff, paid, new InvoiceSending("Your invoice for the year-end accounts.", new ReminderSettings(true, 3, 1)), ct);
        await invoices.RecordPaymentAsync(staff, paid, new PaymentInput(1602m, today.AddDays(-5), "Bank transfer", "NWB-2026"), ct);

        var unpaid = await invoices.CreateDraftAsync(staff, new InvoiceInput(carter, null, today, today.AddDays(30),
            [new("Trust tax return 2025-26: preparation and filing", 1m, 850m, 20m)], ""), ct);
        await invoices.SendAsync(staff, unpaid, new InvoiceSending("The return is ready: it opens in your portal once this invoice is paid.", new ReminderSettings(true, 3, 1)), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taxReturn = await db.Documents.Where(d => d.ClientAccountId == carter && d.Name == "Trust tax return 2025-26.pdf").Select(d => d.Id).SingleAsync(ct);
        await documents.LockAsync(staff, taxReturn, unpaid, ct);
    }

    private async Task AddPortalContactAsync(PortalUser staff, int accountId, string name, string email, CancellationToken ct)
    {
        await contacts.SaveAsync(staff, new ContactInput(null, accountId, name, email, Notify: true, PortalAccess: true), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);
        await users.SetPasswordAsync(userId, DemoLogins.Password);
    }

    private async Task<Dictionary<(int, string), int>> LoadFoldersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Folders.ToDictionaryAsync(f => (f.ClientAccountId, f.Name), f => f.Id, ct);
    }

    private async Task UploadAsync(PortalUser staff, int accountId, int folderId, string name, byte[] content, string description, CancellationToken ct)
    {
        using var stream = new MemoryStream(content);
        var outcome = await documents.UploadAsync(staff, new UploadRequest(accountId, folderId, name, content.Length, description), stream, null, ct);
        if (!outcome.Succeeded) throw new InvalidOperationException($"Demo document {name} refused: {outcome.Error}");
    }
}
