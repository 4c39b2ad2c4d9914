using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Requests;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// A third party's link, over HTTP as a browser would ask: it opens its own request and nothing else, every page of the
/// portal and every document stays closed to its holder, and guessing links is throttled.
/// </summary>
public sealed partial class RequestLinkAccessTests : IDisposable
{
    private readonly PortalAppFactory app = new(settings: new Dictionary<string, string?> { ["Portal:Requests:LinkOpeningsPerMinute"] = "1000" });

    [GeneratedRegex(@"/r/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();

    private async Task<(int RequestId, string Token, int AccountId)> SendToThirdPartyAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var user = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        using var scope = app.Services.CreateScope();
        var id = await scope.ServiceProvider.GetRequiredService<RequestService>().CreateAsync(new PortalUser(user.Id, user.DisplayName, false, true, false),
            new RequestInput(accountId, "Questions for the landlord", "", null, [new(QuestionType.ShortText, "Monthly rent")],
                [new ThirdPartyInput("Larry Landlord", "larry@outside.test")], ReminderSettings.Off, null));
        var body = await db.OutboxMessages.Where(m => m.ToAddress == "larry@outside.test").Select(m => m.HtmlBody).SingleAsync();
        return (id, LinkPattern().Match(body).Groups[1].Value, accountId);
    }

    /// <summary>Every page of the app that needs a sign-in, its route values filled with real ids.</summary>
    private async Task<IReadOnlyList<string>> ProtectedPagesAsync(int requestId, int accountId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["AccountId"] = accountId,
            ["ContactId"] = await db.Contacts.Where(c => c.ClientAccountId == accountId).Select(c => c.Id).FirstAsync(),
            ["DocumentId"] = await db.Documents.Where(d => d.ClientAccountId == accountId).Select(d => d.Id).FirstAsync(),
            ["JobId"] = await db.Jobs.Select(j => j.Id).FirstAsync(),
            ["Id"] = requestId,
            ["ItemId"] = await db.Invoices.Where(i => i.ActionItemId != null).Select(i => i.ActionItemId!.Value).FirstAsync(),
        };
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => Regex.Replace(r.Template, @"\{(\w+)(:\w+)?\??\}", m => ids.TryGetValue(m.Groups[1].Value, out var id)
                ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"No id for {{{m.Groups[1].Value}}} in {r.Template}")))
            .ToList();
        var documents = await db.Documents.Select(d => d.Id).ToListAsync();
        var invoices = await db.Invoices.Select(i => i.Id).ToListAsync();
        return [.. pages, .. documents.Select(d => $"/documents/{d}/content"), .. invoices.Select(i => $"/invoices/{i}/pdf"), $"/requests/{requestId}/answers.csv"];
    }

    [Fact]
    public async Task The_link_opens_its_request_alone_with_nothing_of_the_portal_and_no_sign_in()
    {
        var (requestId, token, accountId) = await SendToThirdPartyAsync();
        var client = app.CreateHttpClient();

        var page = await client.GetAsync($"/r/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("noindex, nofollow", page.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\"", html);
        Assert.Contains("Harbor &amp; Pine Accounting", html);
        Assert.DoesNotContain("Northwind", html);
        Assert.DoesNotContain("/portal", html);
        Assert.DoesNotContain("/documents", html);
        Assert.False(page.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("Identity", StringComparison.OrdinalIgnoreCase)));

        var pages = await ProtectedPagesAsync(requestId, accountId);
        // The matrix must cover staff pages, the portal's, the request's own staff and portal pages, and content.
        Assert.Superset(new HashSet<string> { "/documents", "/requests", $"/requests/{requestId}", $"/requests/{requestId}/edit", "/portal",
            $"/portal/requests/{requestId}", $"/accounts/{accountId}", "/jobs", "/inbox", $"/requests/{requestId}/answers.csv" }, pages.ToHashSet());
        Assert.Contains(pages, p => p.EndsWith("/content", StringComparison.Ordinal));
        foreach (var path in pages)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal),
                $"{path} answered {(int)response.StatusCode} {response.Headers.Location} to the holder of a link.");
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.ActionItemId == requestId && a.Action == Features.Audit.AuditAction.LinkOpened));
    }

    [Fact]
    public async Task A_revoked_or_unknown_link_shows_whom_to_contact_and_the_refusal_is_in_the_requests_trail()
    {
        var (requestId, token, _) = await SendToThirdPartyAsync();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var person = await db.RequestThirdParties.SingleAsync(t => t.ClientRequestId == requestId);
            person.Revoke("Sam Staff", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        var client = app.CreateHttpClient();

        var revoked = await client.GetAsync($"/r/{token}");
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        var html = await revoked.Content.ReadAsStringAsync();
        Assert.Contains("Your access to this request was withdrawn.", html);
        Assert.Contains("Please contact Sam Staff at Harbor &amp; Pine Accounting.", html);

        var unknown = await client.GetAsync($"/r/{new string('x', 43)}");
        Assert.Equal(HttpStatusCode.Gone, unknown.StatusCode);
        Assert.Contains("does not open any request", await unknown.Content.ReadAsStringAsync());
        await using var check = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var refused = await check.AuditEvents.Where(a => a.ActionItemId == requestId && a.Action == Features.Audit.AuditAction.LinkOpened).Select(a => a.Details).SingleAsync();
        Assert.StartsWith("Refused from ", refused);
        Assert.EndsWith("Your access to this request was withdrawn.", refused);
        Assert.Null(await check.RequestLinks.Where(l => l.ThirdParty!.ClientRequestId == requestId).Select(l => l.LastOpenedAt).SingleAsync());
    }

    public void Dispose() => app.Dispose();
}

/// <summary>Guessing links is slowed: past the limit per minute, one address gets "too many attempts".</summary>
public sealed class RequestLinkRateLimitTests : IDisposable
{
    private readonly PortalAppFactory app = new(settings: new Dictionary<string, string?> { ["Portal:Requests:LinkOpeningsPerMinute"] = "5" });

    [Fact]
    public async Task Past_the_limit_an_address_is_refused_with_a_clear_page()
    {
        var client = app.CreateHttpClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/r/{new string((char)('a' + i), 43)}")).StatusCode);

        var refused = await client.GetAsync($"/r/{new string('z', 43)}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
        // The limit is the link page's alone: the address can still sign in.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    public void Dispose() => app.Dispose();
}
