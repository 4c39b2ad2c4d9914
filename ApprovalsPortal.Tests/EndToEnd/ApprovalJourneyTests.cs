using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ApprovalJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();
    private const string DocumentName = "2026 Annual Accounts.pdf";

    private async Task<(int DocumentId, int AccountId)> DemoDocumentAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Documents.Where(d => d.Name == DocumentName).Select(d => new ValueTuple<int, int>(d.Id, d.ClientAccountId)).SingleAsync();
    }

    [Fact]
    public async Task Staff_request_client_disapproval_and_approval_show_live_on_the_staff_screens()
    {
        var (documentId, accountId) = await DemoDocumentAsync();

        // Staff opens the viewer and requests approval with a message and reminders.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await Expect(staff).ToHaveURLAsync(new Regex("/accounts$"));
        await staff.GotoAsync($"/documents/{documentId}");
        await staff.GetByTestId("viewer-checkmark").ClickAsync();
        await Expect(staff.GetByTestId("approval-dialog-title")).ToHaveTextAsync("Request approval");
        await Expect(staff.GetByTestId("approval-recipients")).ToContainTextAsync("olivia@northwind.test");
        await staff.Field("approval-message").FillAsync("Please approve the year-end accounts.");
        await Expect(staff.Field("approval-reminders")).ToBeCheckedAsync();
        await staff.Field("approval-interval").FillAsync("2");
        await staff.Field("approval-count").FillAsync("3");
        await Screenshots.TakeAsync(staff, "approval-dialog");
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(staff.GetByTestId("approval-status")).ToHaveTextAsync("Pending approval");

        // The client sees it under Pending action and disapproves with two reasons and a comment.
        var client = await browser.NewPageAsync(app.BaseUrl);
        await client.SignInAsync(DemoLogins.Client.Email);
        var todo = client.GetByTestId("pending-action");
        await Expect(todo).ToHaveCountAsync(1);
        await Expect(todo).ToContainTextAsync(DocumentName);
        await Expect(todo).ToContainTextAsync("Please approve the year-end accounts.");
        await Screenshots.TakeAsync(client, "client-pending-action");
        await todo.GetByTestId("pending-open").ClickAsync();
        await Expect(client.GetByTestId("decision-message")).ToContainTextAsync("Please approve the year-end accounts.");
        await client.GetByTestId("disapprove-button").ClickAsync();
        await client.GetByRole(AriaRole.Checkbox, new() { Name = "Amounts are wrong" }).CheckAsync();
        await client.GetByRole(AriaRole.Checkbox, new() { Name = "Information is missing" }).CheckAsync();
        await client.Field("disapproval-comment").FillAsync("The bank interest is missing.");
        await Screenshots.TakeAsync(client, "client-disapprove-form");
        await client.SubmitDialogAsync("disapproval-submit");
        await Expect(client.GetByTestId("decision-confirmation")).ToContainTextAsync("Your disapproval and reasons were sent to the firm.");
        await Expect(client.GetByTestId("decision-bar")).ToHaveCountAsync(0);

        // The staff viewer, open the whole time, shows the decision and the reasons without a reload.
        await Expect(staff.GetByTestId("approval-status")).ToHaveTextAsync("Disapproved");
        await Expect(staff.GetByTestId("audit-trail")).ToContainTextAsync("Disapproved by Olivia Baker");
        await Expect(staff.GetByLabel("Inbox, 1 unread")).ToBeVisibleAsync();
        await staff.GetByTestId("viewer-menu").ClickAsync();
        await staff.GetByTestId("menu-show-more-info").ClickAsync();
        var reasons = staff.GetByTestId("disapproval-reason-list").Locator("li");
        await Expect(reasons).ToHaveTextAsync(["Amounts are wrong", "Information is missing"]);
        await Expect(staff.GetByTestId("disapproval-comment-text")).ToContainTextAsync("The bank interest is missing.");
        await Screenshots.TakeAsync(staff, "staff-disapproval-reasons");

        // Staff watches the account's Approvals sub-tab while requesting again and the client approving.
        var staffList = await staff.Context.NewPageAsync();
        await staffList.GotoAsync($"/accounts/{accountId}?tab=documents");
        await staffList.GetByRole(AriaRole.Tab, new() { Name = "Approvals" }).ClickAsync();
        var row = staffList.GetByTestId("approvals-table").Locator("tbody tr").Filter(new() { HasText = DocumentName });
        await Expect(row.GetByTestId("approval-status")).ToHaveTextAsync("Disapproved");

        await staff.GetByTestId("viewer-checkmark").ClickAsync();
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(staff.GetByTestId("approval-status")).ToHaveTextAsync("Pending approval");
        await Expect(row.GetByTestId("approval-status")).ToHaveTextAsync("Pending approval");

        // The client, still on the document, gets the new request live and approves it.
        await Expect(client.GetByTestId("decision-bar")).ToBeVisibleAsync();
        await client.GetByTestId("approve-button").ClickAsync();
        await client.ClickInDialogAsync("Approve");
        await Expect(client.GetByTestId("decision-confirmation")).ToContainTextAsync("You approved this document");

        await Expect(row.GetByTestId("approval-status")).ToHaveTextAsync("Approved");
        await Expect(staff.GetByTestId("approval-status")).ToHaveTextAsync("Approved");
        await Screenshots.TakeAsync(staffList, "staff-approvals-subtab");
    }

    [Fact]
    public async Task Staff_resend_and_cancel_from_the_row_menu_reach_the_clients_pending_action_live()
    {
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        var (_, accountId) = await DemoDocumentAsync();
        await staff.GotoAsync($"/accounts/{accountId}?tab=documents");

        var client = await browser.NewPageAsync(app.BaseUrl);
        await client.SignInAsync(DemoLogins.Client.Email);
        await Expect(client.GetByTestId("pending-empty")).ToBeVisibleAsync();

        // A live update landing while the menu is open re-renders the row and closes the menu: open it again then.
        async Task RowMenuAsync(string name, string item)
        {
            for (var attempt = 1; ; attempt++)
            {
                await staff.GetByTestId("documents-table").Locator("tbody tr").Filter(new() { HasText = name }).GetByTestId("document-menu").ClickAsync();
                try
                {
                    await staff.GetByTestId(item).ClickAsync(new() { Timeout = 30_000 });
                    return;
                }
                catch (TimeoutException) when (attempt < 3)
                {
                    await staff.Keyboard.PressAsync("Escape");
                }
            }
        }

        await RowMenuAsync("VAT return notes.txt", "menu-request-approval");
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(staff.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await RowMenuAsync(DocumentName, "menu-request-approval");
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(staff.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(client.GetByTestId("pending-action")).ToHaveCountAsync(2);
        await Expect(client.GetByTestId("pending-action").First).ToContainTextAsync(DocumentName);
        await Expect(client.GetByTestId("awaiting-approval")).ToHaveCountAsync(2);

        // A resend puts the older request back on top.
        await RowMenuAsync("VAT return notes.txt", "menu-resend-approval");
        await Expect(staff.GetByTestId("approval-dialog-title")).ToHaveTextAsync("Resend approval request");
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(client.GetByTestId("pending-action").First).ToContainTextAsync("VAT return notes.txt");

        // Cancelling asks first, then the client's to-do disappears.
        await RowMenuAsync("VAT return notes.txt", "menu-cancel-approval");
        await staff.ClickInDialogAsync("Cancel request");
        await Expect(client.GetByTestId("pending-action")).ToHaveCountAsync(1);
        await Expect(client.GetByTestId("pending-action")).ToContainTextAsync(DocumentName);
        var vatRow = staff.GetByTestId("documents-table").Locator("tbody tr").Filter(new() { HasText = "VAT return notes.txt" });
        await Expect(vatRow.GetByTestId("approval-status")).ToHaveTextAsync("Cancelled");
    }

    [Fact]
    public async Task The_checkmark_is_disabled_with_the_reason_for_a_staff_only_document()
    {
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var internalId = await db.Documents.Where(d => d.Name == "Working papers.csv").Select(d => d.Id).SingleAsync();
        await staff.GotoAsync($"/documents/{internalId}");
        await Expect(staff.GetByTestId("viewer-checkmark")).ToBeDisabledAsync();
        await Expect(staff.GetByTestId("viewer-checkmark")).ToHaveAttributeAsync("aria-label", "Approval can be requested only for documents in a folder the client can view.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
