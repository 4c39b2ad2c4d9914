using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class StaffWorkspaceTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    /// <summary>Requests approval of two Northwind documents through the service, as if staff had just done it.</summary>
    private async Task<(int AccountId, int Vat, int Annual)> RequestTwoAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var staff = new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false);
        var vat = await db.Documents.SingleAsync(d => d.Name == "VAT return notes.txt");
        var annual = await db.Documents.SingleAsync(d => d.Name == "2026 Annual Accounts.pdf");
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalService>();
        await approvals.RequestAsync(staff, vat.Id, new ApprovalInput("VAT first", false, 3, 1));
        await Task.Delay(20);
        await approvals.RequestAsync(staff, annual.Id, new ApprovalInput("Then the accounts", false, 3, 1));
        return (vat.ClientAccountId, vat.Id, annual.Id);
    }

    [Fact]
    public async Task A_client_disapproval_jumps_to_the_top_of_recent_and_into_the_disapproved_list_without_a_reload()
    {
        var (_, vat, _) = await RequestTwoAsync();

        var recent = await browser.NewPageAsync(app.BaseUrl);
        await recent.SignInAsync(DemoLogins.Staff.Email);
        await Expect(recent).ToHaveURLAsync(new Regex("/accounts$"));
        await Expect(recent.Locator("nav[aria-label=Main]").GetByRole(AriaRole.Link, new() { Name = "Client accounts" })).ToHaveAttributeAsync("aria-current", "page");
        await recent.GetByTestId("nav-documents").ClickAsync();
        // The navigation marks the page in view, and only that one.
        await Expect(recent.GetByTestId("nav-documents")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(recent.GetByTestId("nav-documents")).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(recent.Locator("nav[aria-label=Main]").GetByRole(AriaRole.Link, new() { Name = "Client accounts" })).Not.ToHaveAttributeAsync("aria-current", "page");
        var firstRow = recent.GetByTestId("hub-table").Locator("tbody tr").First;
        await Expect(firstRow).ToContainTextAsync("2026 Annual Accounts.pdf");

        // A second window: the Approvals tab filtered to Disapproved, through the filter panel.
        var disapproved = await recent.Context.NewPageAsync();
        await disapproved.GotoAsync("/documents");
        await disapproved.GetByRole(AriaRole.Tab, new() { Name = "Approvals" }).ClickAsync();
        await disapproved.GetByTestId("filter-button").ClickAsync();
        await disapproved.Field("filter-status-disapproved").CheckAsync();
        await disapproved.GetByTestId("filter-apply").ClickAsync();
        await Expect(disapproved).ToHaveURLAsync(new Regex(@"/documents\?tab=approvals&status=disapproved$"));
        await Expect(disapproved.GetByTestId("filter-chip")).ToHaveTextAsync("Disapproved");
        await Expect(disapproved.GetByTestId("hub-empty")).ToHaveTextAsync("No document matches these filters.");

        // Marks that prove the staff pages are not reloaded while the client acts.
        await recent.EvaluateAsync("() => window.__noReload = true");
        await disapproved.EvaluateAsync("() => window.__noReload = true");

        // The client disapproves the older request.
        var client = await browser.NewPageAsync(app.BaseUrl);
        await client.SignInAsync(DemoLogins.Client.Email);
        await client.GotoAsync($"/portal/documents/{vat}");
        await client.GetByTestId("disapprove-button").ClickAsync();
        await client.GetByRole(AriaRole.Checkbox, new() { Name = "Names or details are wrong" }).CheckAsync();
        await client.SubmitDialogAsync("disapproval-submit");
        await Expect(client.GetByTestId("decision-confirmation")).ToBeVisibleAsync();

        // Both staff windows follow without a reload.
        await Expect(firstRow).ToContainTextAsync("VAT return notes.txt");
        await Expect(firstRow.GetByTestId("approval-status")).ToHaveTextAsync("Disapproved");
        var rows = disapproved.GetByTestId("hub-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("VAT return notes.txt");
        await Expect(rows.First).ToContainTextAsync("Northwind Bakery");
        Assert.True(await recent.EvaluateAsync<bool>("() => window.__noReload === true"));
        Assert.True(await disapproved.EvaluateAsync<bool>("() => window.__noReload === true"));
        await Screenshots.TakeAsync(disapproved, "hub-disapproved");
        await Screenshots.TakeAsync(recent, "hub-recent");

        // The filtered address works as a bookmark in a fresh window.
        var bookmark = await recent.Context.NewPageAsync();
        await bookmark.GotoAsync("/documents?tab=approvals&status=disapproved");
        await Expect(bookmark.GetByTestId("hub-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(bookmark.GetByTestId("filter-chip")).ToHaveTextAsync("Disapproved");

        // A document opened from the list leads back to the same filtered list.
        await bookmark.GetByTestId("hub-row-name").First.ClickAsync();
        await Expect(bookmark.GetByTestId("viewer-title")).ToHaveTextAsync("VAT return notes.txt");
        await bookmark.GetByLabel("Back").ClickAsync();
        await Expect(bookmark).ToHaveURLAsync(new Regex(@"/documents\?tab=approvals&status=disapproved$"));
        await Expect(bookmark.GetByTestId("hub-table").Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task View_as_client_shows_their_pending_action_and_offers_no_approve_button()
    {
        var (accountId, _, annual) = await RequestTwoAsync();
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync($"/accounts/{accountId}");
        await staff.GetByTestId("view-as-button").ClickAsync();
        await staff.GetByTestId("view-as-contact").Filter(new() { HasText = "Olivia Baker" }).ClickAsync();

        await Expect(staff.GetByTestId("view-as-banner")).ToContainTextAsync("viewing the portal as Olivia Baker");
        var todos = staff.GetByTestId("pending-action");
        await Expect(todos).ToHaveCountAsync(2);
        await Expect(todos.First).ToContainTextAsync("2026 Annual Accounts.pdf");
        await Expect(staff.GetByTestId("portal-document")).ToHaveCountAsync(3);
        await Screenshots.TakeAsync(staff, "view-as-client");

        await todos.First.GetByTestId("pending-open").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex($"/view-as/\\d+/documents/{annual}$"));
        await Expect(staff.GetByTestId("viewer-title")).ToHaveTextAsync("2026 Annual Accounts.pdf");
        await Expect(staff.GetByTestId("view-as-decision-note")).ToContainTextAsync("Olivia Baker is asked to approve this document");
        await Expect(staff.GetByTestId("approve-button")).ToHaveCountAsync(0);
        await Expect(staff.GetByTestId("disapprove-button")).ToHaveCountAsync(0);
        await Expect(staff.GetByTestId("viewer-menu")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_accounts_list_filters_to_pending_approvals_and_counts_them_live()
    {
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync("/accounts?approvals=pending");
        await Expect(staff.GetByText("No client account matches this filter.")).ToBeVisibleAsync();

        await RequestTwoAsync();

        var row = staff.GetByTestId("accounts-table").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.First).ToContainTextAsync("Northwind Bakery");
        await Expect(row.First.GetByTestId("account-pending-count")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task Request_approval_for_pending_documents_firm_wide_and_reminders_from_a_row_menu()
    {
        await RequestTwoAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
            var payroll = await db.Documents.SingleAsync(d => d.Name == "Payroll summary March.pdf");
            await scope.ServiceProvider.GetRequiredService<ApprovalService>().RequestAsync(new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false),
                payroll.Id, new ApprovalInput("", false, 3, 1));
        }

        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync("/documents?tab=approvals");
        await Expect(staff.GetByTestId("hub-table").Locator("tbody tr")).ToHaveCountAsync(3);

        await staff.GetByTestId("hub-bulk-resend").ClickAsync();
        await Expect(staff.GetByTestId("bulk-summary")).ToHaveTextAsync(
            "3 documents of 2 client accounts wait for approval. Each notified contact gets one email listing their own account's documents:");
        await Expect(staff.GetByTestId("bulk-account")).ToHaveCountAsync(2);
        await Expect(staff.GetByTestId("bulk-account").First).ToContainTextAsync("Bluebird Design Studio");
        await Expect(staff.GetByTestId("bulk-account").Last).ToContainTextAsync("olivia@northwind.test");
        await staff.Field("bulk-message").FillAsync("Before Friday, please.");
        await Screenshots.TakeAsync(staff, "hub-request-for-pending");
        await staff.SubmitDialogAsync("bulk-submit");
        await Expect(staff.GetByText("Approval requested again for 3 documents.")).ToBeVisibleAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var listed = await db.OutboxMessages.Where(m => m.TextBody.Contains("Before Friday, please."))
                .OrderBy(m => m.ToAddress).Select(m => new { m.ToAddress, m.Subject }).ToListAsync();
            Assert.Equal([("maya@bluebird.test", "Please review and approve: Payroll summary March.pdf"), ("olivia@northwind.test", "Please review and approve 2 documents")],
                listed.Select(m => (m.ToAddress, m.Subject)));
        }

        // Reminders of one pending document, from its row's menu: switched on, three of them.
        var row = staff.GetByTestId("hub-table").Locator("tbody tr").Filter(new() { HasText = "Payroll summary March.pdf" });
        await Expect(row.GetByTestId("hub-row-reminders")).ToHaveTextAsync("off");
        await row.GetByTestId("hub-row-menu").Locator("button").ClickAsync();
        await staff.GetByTestId("menu-change-reminders").ClickAsync();
        await Expect(staff.GetByTestId("approval-dialog-title")).ToHaveTextAsync("Reminders");
        await staff.Field("approval-reminders").CheckAsync();
        await staff.Field("approval-count").FillAsync("3");
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(staff.GetByText("Reminders saved.")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("hub-row-reminders")).ToContainTextAsync("0/3, next ");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
