using System.Reflection;
using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Chats;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Signatures;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalsPortal.Tests.EndToEnd;

/// <summary>
/// Every page route, as the people who may open it, with demo data present, at desktop and phone width: no critical
/// or serious axe-core violation of WCAG 2.1 A/AA. A route added later is visited too (its values filled from data).
/// The client's account, its contact, a document, a request and a chat carry names of about 120 characters and the document a
/// long description, so the same visit checks that every screen reads well: no sideways scrolling, no word split
/// over two lines (<see cref="Readability"/>). Set PORTAL_TEST_SCREENSHOTS to look at each screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    [GeneratedRegex(@"\{(\w+)(:\w+)?\??\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex(@"[^\w]+")]
    private static partial Regex ScreenshotName();

    /// <summary>About 120 characters of real words: long names must wrap between words, never inside one.</summary>
    public const string LongAccountName = "Northwind Bakery and Patisserie Holdings International Partnership for Regional Wholesale Distribution Services Ltd";
    public const string LongDocumentName = "Consolidated annual financial statements with directors report and independent auditors opinion for the year 2026.pdf";

    [Fact]
    public async Task Every_screen_has_no_critical_or_serious_violation_and_reads_well_with_long_names_at_desktop_and_phone_width()
    {
        var ids = await PrepareAsync();
        var routes = typeof(Program).Assembly.GetTypes()
            .Select(t => (Type: t, Authorize: t.GetCustomAttribute<AuthorizeAttribute>(), Routes: t.GetCustomAttributes<RouteAttribute>().ToList()))
            .Where(t => t.Routes.Count > 0)
            // A page for any signed-in user (no roles named) is visited as staff.
            .SelectMany(t => t.Routes.Select(r => (r.Template, Roles: t.Authorize is null ? null : t.Authorize.Roles ?? Roles.AdminOrStaff)))
            .Where(r => r.Template is not "/r/{Token}" and not "/error" and not "/setup" and not "/")
            .ToList();
        // Screens behind a tab of a route: the hub's other tabs and each tab of the account page.
        var staffRoles = Roles.AdminOrStaff;
        routes.AddRange(new[] { "/documents?tab=approvals", "/documents?tab=client&account={AccountId}" }
            .Concat(new[] { "contacts", "documents", "jobs", "requests", "invoices", "chats" }.Select(tab => $"/accounts/{{AccountId}}?tab={tab}"))
            .Select(url => (url, (string?)staffRoles)));

        var failures = new List<string>();
        var visited = 0;
        foreach (var (width, height) in new[] { (1280, 900), (375, 812) })
        {
            var staff = await browser.NewPageAsync(app.BaseUrl, width, height);
            await staff.SignInAsync(DemoLogins.Admin.Email);
            var client = await browser.NewPageAsync(app.BaseUrl, width, height);
            await client.SignInAsync(DemoLogins.Client.Email);
            var anonymous = await browser.NewPageAsync(app.BaseUrl, width, height);
            foreach (var (template, roles) in routes)
            {
                var page = roles is null ? anonymous : roles.Contains(Roles.Client, StringComparison.Ordinal) && !roles.Contains(Roles.Staff, StringComparison.Ordinal) ? client : staff;
                var url = RouteValue().Replace(template, m => Fill(template, m.Groups[1].Value, ids));
                await page.GotoAsync(url);
                try
                {
                    await page.Locator("h1, h2").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 30_000 });
                }
                catch (TimeoutException)
                {
                    failures.Add($"{width}px {url}: no heading appeared (the page did not render, or has no h1 or h2)");
                    continue;
                }
                await page.WaitForFunctionAsync("() => !document.querySelector('.mud-progress-linear-indeterminate, .mud-progress-indeterminate')",
                    null, new PageWaitForFunctionOptions { Timeout = 30_000 });
                foreach (var refused in await page.CspViolationsAsync()) failures.Add($"{width}px {url}: content security policy: {refused}");
                foreach (var violation in await Axe.SeriousViolationsAsync(page)) failures.Add($"{width}px {url}: {violation}");
                foreach (var problem in await Readability.ProblemsAsync(page)) failures.Add($"{width}px {url}: {problem}");
                await Screenshots.TakeAsync(page, $"screen-{width}-{ScreenshotName().Replace(url.Trim('/'), "-")}");
                visited++;
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} critical or serious violations, refusals of the content security policy or unreadable layouts:\n" + string.Join("\n", failures));
        // Every staff, client and public page was checked, twice: the list comes from the routes themselves.
        Assert.True(visited >= 96, $"Only {visited} pages were checked.");
    }

    private static string Fill(string template, string name, Dictionary<string, int> ids)
    {
        var key = template == "/invoices/{Id:int}/edit" ? "drafts:Id" : name == "Id" ? template.Split('/', StringSplitOptions.RemoveEmptyEntries).Last(s => !s.StartsWith('{') && s is not "edit" and not "print" and not "item") + ":Id" : name;
        return ids.TryGetValue(key, out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No value for {{{name}}} in {template}: add one to the accessibility test.");
    }

    /// <summary>Northwind (the demo client's account) gets a request, a signature request and a chat, so every page has something to show.</summary>
    private async Task<Dictionary<string, int>> PrepareAsync()
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var staff = new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false);
        var account = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var contact = await db.Contacts.Where(c => c.Email == DemoLogins.Client.Email).Select(c => c.Id).SingleAsync();
        var pdf = await db.Documents.Where(d => d.Name == "2026 Annual Accounts.pdf").Select(d => d.Id).SingleAsync();
        var request = await services.GetRequiredService<Features.Requests.RequestService>().CreateAsync(staff, new Features.Requests.RequestInput(account,
            "Year-end questions about the consolidated accounts, the directors loans, the fixed asset register and the payroll journals", "A few answers, please.", null, [new(Features.Requests.QuestionType.ShortText, "Bank name", Required: true)], [], ReminderSettings.Off, null));
        var signature = await services.GetRequiredService<SignatureService>().RequestAsync(staff, pdf, new SignatureInput([contact], false, "Please sign.", ReminderSettings.Off));
        var chat = await services.GetRequiredService<ChatService>().StartAsync(staff, new ChatStartInput(account, "Bank statements for March and April for the business current account and the deposit account held with Barclays", "Could you send March's statement?", null, ReminderSettings.Off, []));
        // Long names everywhere the client's account shows (set after the demo data was found by its short names).
        await services.GetRequiredService<Features.Accounts.AccountService>().RenameAsync(staff, account, LongAccountName);
        var documents = services.GetRequiredService<Features.Documents.DocumentService>();
        await documents.RenameAsync(staff, pdf, LongDocumentName);
        await documents.UpdateDescriptionAsync(staff, pdf, string.Concat(Enumerable.Repeat("Prepared from the trial balance, the fixed asset register and the bank reconciliations agreed with the directors. ", 5)).Trim());
        await services.GetRequiredService<Features.Accounts.ContactService>().SaveAsync(staff,
            new Features.Accounts.ContactInput(contact, account, "Olivia Margaret Baker-Fitzgerald of the Finance and Administration Department", DemoLogins.Client.Email, true, true));
        var invoice = await db.Invoices.Where(i => i.ClientAccountId == account).Select(i => new { i.Id, i.ActionItemId }).FirstAsync();
        var draft = await services.GetRequiredService<Features.Invoices.InvoiceService>().CreateDraftAsync(staff, new Features.Invoices.InvoiceInput(account, null,
            DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), [new("Bookkeeping", 1m, 100m, 20m)], ""));
        return new Dictionary<string, int>
        {
            ["AccountId"] = account,
            ["ContactId"] = contact,
            ["DocumentId"] = pdf,
            ["JobId"] = await db.Jobs.Where(j => j.ClientAccountId == account).Select(j => j.Id).FirstAsync(),
            ["ItemId"] = invoice.ActionItemId!.Value,
            ["requests:Id"] = request,
            ["signatures:Id"] = signature,
            ["chats:Id"] = chat,
            ["invoices:Id"] = invoice.Id,
            ["drafts:Id"] = draft,
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
