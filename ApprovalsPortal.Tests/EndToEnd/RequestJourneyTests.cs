using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed partial class RequestJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    [GeneratedRegex(@"https?://[^\s""<>]+/r/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task Staff_sends_a_request_to_a_third_party_who_answers_by_link_and_the_open_list_and_the_job_follow()
    {
        var (accountId, jobId) = await CreateJobInClientReviewAsync();

        // Staff keeps the firm-wide Requests list open in one tab.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        var list = await staff.Context.NewPageAsync();
        await list.GotoAsync("/requests");
        await Expect(list.GetByRole(AriaRole.Heading, new() { Name = "Client requests" })).ToBeVisibleAsync();

        // From the job page, staff builds a request with four kinds of question and sends it to a third party.
        await staff.GotoAsync($"/jobs/{jobId}");
        await staff.GetByTestId("job-new-request").ClickAsync();
        await Expect(staff.GetByTestId("request-account-name")).ToHaveTextAsync("Northwind Bakery");
        await staff.Field("request-title").FillAsync("Year-end questions");
        await staff.Field("request-message").FillAsync("A few answers for the year end, please.");
        await LabelAsync(staff, 0, "Bank name");
        await AddQuestionAsync(staff, "Number", 1, "Closing balance");
        await AddQuestionAsync(staff, "YesNo", 2, "Any new loans?");
        await AddQuestionAsync(staff, "FileUpload", 3, "Bank statements");
        await staff.GetByText("People outside the portal, by link").ClickAsync();
        await staff.Field("third-party-name").FillAsync("Terry Bookkeeper");
        await staff.Field("third-party-email").FillAsync("terry@outside.test");
        await Expect(staff.GetByTestId("request-job")).ToContainTextAsync("Year-end review 2026");
        await Screenshots.TakeAsync(staff, "request-editor");
        await staff.GetByTestId("request-send").ClickAsync();
        await Expect(staff.GetByTestId("request-title")).ToHaveTextAsync("Year-end questions");
        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("Pending");
        var requestId = int.Parse(staff.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var row = list.Locator($"tr:has([data-request-id='{requestId}'])");
        await Expect(row.GetByTestId("request-status")).ToHaveTextAsync("Pending");

        // The email in the pickup folder holds the third party's link.
        var link = await LinkFromPickupAsync("terry@outside.test");

        // A fresh browser on a phone opens it without signing in and answers; answers are saved as they are typed.
        var outsider = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await outsider.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(outsider.GetByTestId("answer-title")).ToHaveTextAsync("Year-end questions");
        await Expect(outsider.GetByTestId("firm-name")).ToBeVisibleAsync();
        await Expect(outsider.Locator("nav")).ToHaveCountAsync(0);
        await Question(outsider, "Bank name").Locator("input").FillAsync("Harbor Savings");
        await Expect(Question(outsider, "Bank name").GetByTestId("answer-field-state")).ToHaveTextAsync("Saved");
        await Expect(row.GetByTestId("request-status")).ToHaveTextAsync("In progress");
        await Question(outsider, "Closing balance").Locator("input").FillAsync("abc");
        await Expect(Question(outsider, "Closing balance")).ToContainTextAsync("Enter a number, such as 1250.50.");
        await Question(outsider, "Closing balance").Locator("input").FillAsync("1250.50");
        await Expect(Question(outsider, "Closing balance").GetByTestId("answer-field-state")).ToHaveTextAsync("Saved");
        await Question(outsider, "Any new loans?").GetByText("No", new() { Exact = true }).ClickAsync();
        await Expect(outsider.GetByTestId("answer-all-saved")).ToBeVisibleAsync();
        Assert.True(await outsider.FitsWidthAsync(), "The answering page is wider than a 375 px screen.");
        await Screenshots.TakeAsync(outsider, "request-answering-phone");

        // Coming back later resumes where they were.
        await outsider.ReloadAsync();
        await Expect(Question(outsider, "Bank name").Locator("input")).ToHaveValueAsync("Harbor Savings");
        await Expect(Question(outsider, "Closing balance").Locator("input")).ToHaveValueAsync("1250.50");
        await Expect(Question(outsider, "Any new loans?").GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true })).ToBeCheckedAsync();

        var statements = Question(outsider, "Bank statements").Locator("input[type=file]");
        await statements.WaitUntilBlazorListensAsync();
        await statements.SetInputFilesAsync(new FilePayload
        {
            Name = "March statement.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf(),
        });
        await Expect(Question(outsider, "Bank statements").GetByTestId("answer-file")).ToContainTextAsync("March statement.pdf");
        // The job page is open too: it follows without a reload.
        var jobTab = await staff.Context.NewPageAsync();
        await jobTab.GotoAsync($"/jobs/{jobId}");
        await Expect(jobTab.GetByTestId("job-stage-current")).ToContainTextAsync("Client review");
        await Expect(jobTab.GetByTestId("job-item-status")).ToHaveTextAsync("In progress");
        await outsider.GetByTestId("answer-submit").ClickAsync();
        await Expect(outsider.GetByTestId("answer-readonly")).ToContainTextAsync("These answers were submitted");
        await Screenshots.TakeAsync(outsider, "request-submitted-phone");

        // Staff's open list shows Submitted without a reload; the linked job moved on.
        await Expect(row.GetByTestId("request-status")).ToHaveTextAsync("Submitted");
        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("Submitted");
        await Expect(staff.GetByTestId("qa-file")).ToHaveTextAsync("March statement.pdf");
        await Screenshots.TakeAsync(staff, "request-page-submitted");
        await Expect(jobTab.GetByTestId("job-stage-current")).ToContainTextAsync("Filing");
        await Expect(jobTab.GetByTestId("job-item-status")).ToHaveTextAsync("Submitted");
        await Expect(jobTab.Locator("[data-testid=job-activity-entry][data-kind=Automoved]")).ToContainTextAsync("Year-end questions");

        // The page at 375 px for staff too.
        await staff.GotoAsync($"/requests/{requestId}");
        await staff.SetViewportSizeAsync(375, 812);
        await Expect(staff.GetByTestId("request-answers")).ToBeVisibleAsync();
        Assert.True(await staff.FitsWidthAsync(), "The request page is wider than a 375 px screen.");
        await Screenshots.TakeAsync(staff, "request-page-phone");
        _ = accountId;
    }

    [Fact]
    public async Task A_client_answers_in_the_portal_and_staff_complete_or_reopen_it_with_a_message()
    {
        int accountId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        }

        // The client's portal is open before anything is sent.
        var client = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await client.SignInAsync(DemoLogins.Client.Email);
        await Expect(client.GetByTestId("pending-empty")).ToBeVisibleAsync();

        // Staff send a request to the account's contacts from its Requests tab.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync($"/accounts/{accountId}?tab=requests");
        await Expect(staff.GetByTestId("requests-empty")).ToBeVisibleAsync();
        await staff.GetByTestId("account-request-new").ClickAsync();
        await staff.Field("request-title").FillAsync("VAT questions");
        await LabelAsync(staff, 0, "Did you import goods this quarter?");
        await staff.ChooseAsync("question-type", "Yes / no");
        await Expect(staff.GetByTestId("request-recipients")).ToContainTextAsync("Olivia Baker");
        await staff.GetByTestId("request-send").ClickAsync();
        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("Pending");

        // The to-do appears live at the top of Pending action; the client answers and submits.
        var todo = client.GetByTestId("pending-action").Filter(new() { HasText = "VAT questions" });
        await Expect(todo).ToContainTextAsync("Questions to answer");
        await todo.GetByTestId("pending-open").ClickAsync();
        await Expect(client.GetByTestId("answer-title")).ToHaveTextAsync("VAT questions");
        await client.GetByTestId("answer-submit").ClickAsync();
        await Expect(client.GetByTestId("answer-submit-error")).ToHaveTextAsync("Please answer \"Did you import goods this quarter?\" before submitting.");
        await client.GetByText("Yes", new() { Exact = true }).ClickAsync();
        await Expect(client.GetByTestId("answer-all-saved")).ToBeVisibleAsync();
        await client.GetByTestId("answer-submit").ClickAsync();
        await Expect(client.GetByTestId("answer-readonly")).ToContainTextAsync("These answers were submitted");
        Assert.True(await client.FitsWidthAsync());

        // Staff see it live, reopen it with a message; the client's page opens again for answers.
        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("Submitted");
        await Expect(staff.GetByTestId("qa-answer")).ToContainTextAsync("Yes");
        await staff.GetByTestId("request-reopen").ClickAsync();
        await staff.Field("prompt-field").FillAsync("Which countries did the goods come from?");
        await staff.SubmitDialogAsync("prompt-submit");
        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("In progress");
        await Expect(client.GetByTestId("answer-message")).ToHaveTextAsync("Which countries did the goods come from?");
        await Expect(client.GetByTestId("answer-submit")).ToBeVisibleAsync();
        await client.GetByTestId("answer-submit").ClickAsync();
        await Expect(client.GetByTestId("answer-readonly")).ToBeVisibleAsync();

        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("Submitted");
        await staff.GetByTestId("request-close").ClickAsync();
        await Expect(staff.GetByTestId("request-status")).ToHaveTextAsync("Completed");
        await Expect(client.GetByTestId("answer-readonly")).ToContainTextAsync("completed");
        await Screenshots.TakeAsync(staff, "request-page-completed");
    }

    private async Task<(int AccountId, int JobId)> CreateJobInClientReviewAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var stage = await db.PipelineStages.Where(s => s.Name == "Client review").Select(s => s.Id).SingleAsync();
        var staffUser = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        var staff = new PortalUser(staffUser.Id, staffUser.DisplayName, false, true, false);
        using var scope = app.Services.CreateScope();
        var jobId = await scope.ServiceProvider.GetRequiredService<JobChanges>().CreateAsync(staff, new JobInput(accountId, "Year-end review 2026", stage, staff.UserId, null));
        return (accountId, jobId);
    }

    private static ILocator Question(IPage page, string label) => page.Locator($"[data-testid=answer-question][data-question='{label}']");

    private static async Task LabelAsync(IPage page, int index, string label) =>
        await page.GetByTestId("question-card").Nth(index).Locator("input[data-testid='question-label'], [data-testid='question-label'] input").FillAsync(label);

    private static async Task AddQuestionAsync(IPage page, string type, int index, string label)
    {
        await page.GetByTestId("question-add").ClickAsync();
        await page.GetByTestId($"question-add-{type}").ClickAsync();
        await Expect(page.GetByTestId("question-card")).ToHaveCountAsync(index + 1);
        await LabelAsync(page, index, label);
    }

    /// <summary>Waits (generously) for the portal to write the email to the pickup folder, and takes the link from it.</summary>
    private async Task<string> LinkFromPickupAsync(string to)
    {
        var folder = Path.Combine(app.DataFolder, "mail-pickup");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (!message.To.Mailboxes.Any(m => m.Address == to)) continue;
                Assert.Equal("Please answer: Year-end questions", message.Subject);
                return LinkPattern().Match(message.HtmlBody ?? "").Value;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No email to {to} was written to {folder}.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
