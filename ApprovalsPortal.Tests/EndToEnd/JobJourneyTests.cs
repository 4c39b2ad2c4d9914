using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class JobJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    [Fact]
    public async Task A_client_approval_moves_the_job_on_staffs_open_board_without_a_reload()
    {
        int documentId, accountId, pipelineId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            (documentId, accountId) = await db.Documents.Where(d => d.Name == "2026 Annual Accounts.pdf")
                .Select(d => new ValueTuple<int, int>(d.Id, d.ClientAccountId)).SingleAsync();
            pipelineId = await db.Pipelines.Where(p => p.Name == "Tax return").Select(p => p.Id).SingleAsync();
        }

        // Staff starts a job in "Client review" (automove on) from the account's Jobs tab.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync($"/accounts/{accountId}?tab=jobs");
        await staff.GetByTestId("account-new-job").ClickAsync();
        await staff.Field("job-name").FillAsync("Year-end review 2026");
        await staff.ChooseAsync("job-pipeline", "Tax return");
        await staff.ChooseAsync("job-stage", "Client review");
        await Screenshots.TakeAsync(staff, "staff-new-job");
        await staff.SubmitDialogAsync("job-save");
        await Expect(staff.GetByTestId("account-job").Filter(new() { HasText = "Year-end review 2026" })).ToContainTextAsync("Client review");

        // The board stays open in another tab the whole time.
        var board = await staff.Context.NewPageAsync();
        await board.GotoAsync($"/jobs?pipeline={pipelineId}");
        var review = board.Locator("[data-testid=board-column][data-stage='Client review']");
        var filing = board.Locator("[data-testid=board-column][data-stage='Filing']");
        var card = board.Locator("[data-testid=job-card][data-job='Year-end review 2026']");
        await Expect(review.Locator("[data-job='Year-end review 2026']")).ToBeVisibleAsync();

        // Staff requests approval of a document and links it to the job in the dialog.
        await staff.GotoAsync($"/documents/{documentId}");
        await staff.GetByTestId("viewer-checkmark").ClickAsync();
        await staff.ChooseAsync("approval-job", "Year-end review 2026");
        await Screenshots.TakeAsync(staff, "approval-dialog-job");
        await staff.SubmitDialogAsync("approval-submit");
        await Expect(staff.GetByTestId("approval-status")).ToHaveTextAsync("Pending approval");
        await Expect(card.GetByTestId("card-pending")).ToHaveTextAsync("1 pending");

        // The client approves it in the portal.
        var client = await browser.NewPageAsync(app.BaseUrl);
        await client.SignInAsync(DemoLogins.Client.Email);
        await client.GetByTestId("pending-action").GetByTestId("pending-open").ClickAsync();
        await client.GetByTestId("approve-button").ClickAsync();
        await client.ClickInDialogAsync("Approve");
        await Expect(client.GetByTestId("decision-confirmation")).ToContainTextAsync("You approved this document");

        // The open board shows the job in "Filing", moved by automove, without a reload.
        await Expect(filing.Locator("[data-job='Year-end review 2026']")).ToBeVisibleAsync();
        await Expect(review.Locator("[data-job='Year-end review 2026']")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(board, "jobs-board-after-automove");
        await card.GetByRole(AriaRole.Link, new() { Name = "Year-end review 2026" }).ClickAsync();
        await Expect(board.GetByTestId("job-stage-current")).ToContainTextAsync("Filing");
        var moved = board.Locator("[data-testid=job-activity-entry][data-kind=Automoved]");
        await Expect(moved).ToContainTextAsync("Automove");
        await Expect(moved).ToContainTextAsync("Moved from \"Client review\" to \"Filing\"");
        await Expect(moved).ToContainTextAsync("2026 Annual Accounts.pdf");
        await Expect(board.GetByTestId("job-item-status")).ToHaveTextAsync("Approved");
        await Screenshots.TakeAsync(board, "job-page");

        // On a phone the page itself never scrolls sideways: the board's columns scroll inside it.
        await board.SetViewportSizeAsync(375, 812);
        await Expect(board.GetByTestId("job-activity")).ToBeVisibleAsync();
        Assert.True(await board.FitsWidthAsync(), "The job page is wider than a 375 px screen.");
        await Screenshots.TakeAsync(board, "job-page-phone");
        await board.GotoAsync($"/jobs?pipeline={pipelineId}");
        await Expect(filing.Locator("[data-job='Year-end review 2026']")).ToBeAttachedAsync();
        Assert.True(await board.FitsWidthAsync(), "The board is wider than a 375 px screen.");
        await Screenshots.TakeAsync(board, "jobs-board-phone");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
