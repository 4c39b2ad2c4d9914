using System.Net;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// Every page route and endpoint, asked over HTTP by every kind of visitor, against a table written out by hand: the
/// expected answer is never derived from the code under test. Pages check roles at the door (their data is checked
/// again by the screen, on the circuit); endpoints that serve content also check the object, so a client of another
/// account gets the same 404 as for something that does not exist. A route missing from the table fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests : IDisposable
{
    private enum Outcome
    {
        /// <summary>200: served.</summary>
        Ok,
        /// <summary>302 to the sign-in page.</summary>
        SignIn,
        /// <summary>302 to the access-denied page.</summary>
        Denied,
        /// <summary>404, as for something that does not exist.</summary>
        NotFound,
        /// <summary>410: a link whose token is unknown or expired.</summary>
        Gone,
        /// <summary>400: a form post without its antiforgery token.</summary>
        BadRequest,
    }

    /// <summary>Deactivated: a staff member signed in, then deactivated by an admin; their cookie is refused from then on.</summary>
    private enum Visitor { Anonymous, ClientA, ClientB, Staff, Admin, Deactivated }

    private static readonly Outcome[] Public = [Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok];
    private static readonly Outcome[] StaffOnly = [Outcome.SignIn, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.SignIn];
    private static readonly Outcome[] AdminOnly = [Outcome.SignIn, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.SignIn];
    private static readonly Outcome[] ClientOnly = [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Denied, Outcome.Denied, Outcome.SignIn];
    private static readonly Outcome[] SignedIn = [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.SignIn];

    /// <summary>Route template, the address asked (ids of account A's things), and the answer per visitor in <see cref="Visitor"/> order.</summary>
    private static IEnumerable<(string Template, Func<Ids, string> Url, Outcome[] Expected)> Matrix() =>
    [
        // Public pages.
        ("/account/sign-in", _ => "/account/sign-in", Public),
        ("/account/access-denied", _ => "/account/access-denied", Public),
        ("/account/set-password", _ => "/account/set-password?userId=someone&token=guess", Public),
        ("/setup", _ => "/setup", Public),
        ("/not-found", _ => "/not-found", Public),
        ("/error", _ => "/error", Public),
        ("/r/{Token}", _ => "/r/not-a-real-token", [Outcome.Gone, Outcome.Gone, Outcome.Gone, Outcome.Gone, Outcome.Gone, Outcome.Gone]),
        ("/health", _ => "/health", Public),
        // The root page sends each signed-in visitor on to their home from the browser.
        ("/", _ => "/", SignedIn),
        // Every signed-in user's own.
        ("/account/password", _ => "/account/password", SignedIn),
        // Staff pages.
        ("/accounts", _ => "/accounts", StaffOnly),
        ("/accounts/{AccountId:int}", i => $"/accounts/{i.AccountA}", StaffOnly),
        ("/documents", _ => "/documents", StaffOnly),
        ("/documents/{DocumentId:int}", i => $"/documents/{i.SharedDocumentA}", StaffOnly),
        ("/inbox", _ => "/inbox", StaffOnly),
        ("/settings/notifications", _ => "/settings/notifications", StaffOnly),
        ("/jobs", _ => "/jobs", StaffOnly),
        ("/jobs/{JobId:int}", _ => "/jobs/1", StaffOnly),
        ("/chats", _ => "/chats", StaffOnly),
        ("/chats/new", _ => "/chats/new", StaffOnly),
        ("/chats/{Id:int}", _ => "/chats/1", StaffOnly),
        ("/signatures/{Id:int}", _ => "/signatures/1", StaffOnly),
        ("/invoices", _ => "/invoices", StaffOnly),
        ("/invoices/new", _ => "/invoices/new", StaffOnly),
        ("/invoices/{Id:int}", i => $"/invoices/{i.InvoiceA}", StaffOnly),
        ("/invoices/{Id:int}/edit", i => $"/invoices/{i.InvoiceA}/edit", StaffOnly),
        ("/invoices/item/{ItemId:int}", _ => "/invoices/item/1", StaffOnly),
        ("/requests", _ => "/requests", StaffOnly),
        ("/requests/new", _ => "/requests/new", StaffOnly),
        ("/requests/{Id:int}", i => $"/requests/{i.RequestA}", StaffOnly),
        ("/requests/{Id:int}/edit", i => $"/requests/{i.RequestA}/edit", StaffOnly),
        ("/requests/{Id:int}/print", i => $"/requests/{i.RequestA}/print", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}", i => $"/accounts/{i.AccountA}/view-as/1", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/documents/{DocumentId:int}", i => $"/accounts/{i.AccountA}/view-as/1/documents/{i.SharedDocumentA}", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/requests/{Id:int}", i => $"/accounts/{i.AccountA}/view-as/1/requests/{i.RequestA}", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/chats", i => $"/accounts/{i.AccountA}/view-as/1/chats", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/chats/{Id:int}", i => $"/accounts/{i.AccountA}/view-as/1/chats/1", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/invoices/{Id:int}", i => $"/accounts/{i.AccountA}/view-as/1/invoices/{i.InvoiceA}", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/invoices/item/{ItemId:int}", i => $"/accounts/{i.AccountA}/view-as/1/invoices/item/1", StaffOnly),
        ("/accounts/{AccountId:int}/view-as/{ContactId:int}/signatures/{Id:int}", i => $"/accounts/{i.AccountA}/view-as/1/signatures/1", StaffOnly),
        // Admin pages.
        ("/admin/outgoing-mail", _ => "/admin/outgoing-mail", AdminOnly),
        ("/admin/invoicing", _ => "/admin/invoicing", AdminOnly),
        ("/admin/staff", _ => "/admin/staff", AdminOnly),
        ("/admin/disapproval-reasons", _ => "/admin/disapproval-reasons", AdminOnly),
        ("/admin/settings", _ => "/admin/settings", AdminOnly),
        ("/admin/audit", _ => "/admin/audit", AdminOnly),
        ("/jobs/pipelines", _ => "/jobs/pipelines", AdminOnly),
        // Client pages.
        ("/portal", _ => "/portal", ClientOnly),
        ("/portal/documents/{DocumentId:int}", i => $"/portal/documents/{i.SharedDocumentA}", ClientOnly),
        ("/portal/requests/{Id:int}", i => $"/portal/requests/{i.RequestA}", ClientOnly),
        ("/portal/chats", _ => "/portal/chats", ClientOnly),
        ("/portal/chats/{Id:int}", _ => "/portal/chats/1", ClientOnly),
        ("/portal/signatures/{Id:int}", _ => "/portal/signatures/1", ClientOnly),
        ("/portal/invoices/{Id:int}", i => $"/portal/invoices/{i.InvoiceA}", ClientOnly),
        ("/portal/invoices/item/{ItemId:int}", _ => "/portal/invoices/item/1", ClientOnly),
        // Endpoints that serve content check the object too.
        ("/documents/{id:int}/content", i => $"/documents/{i.SharedDocumentA}/content",
            [Outcome.SignIn, Outcome.Ok, Outcome.NotFound, Outcome.Ok, Outcome.Ok, Outcome.SignIn]),
        ("/documents/{id:int}/content (internal folder)", i => $"/documents/{i.InternalDocumentA}/content",
            [Outcome.SignIn, Outcome.NotFound, Outcome.NotFound, Outcome.Ok, Outcome.Ok, Outcome.SignIn]),
        ("/invoices/{id:int}/pdf", i => $"/invoices/{i.InvoiceA}/pdf",
            [Outcome.SignIn, Outcome.Ok, Outcome.NotFound, Outcome.Ok, Outcome.Ok, Outcome.SignIn]),
        ("/requests/{id:int}/answers.csv", i => $"/requests/{i.RequestA}/answers.csv", StaffOnly),
        ("POST /account/sign-out", _ => "POST /account/sign-out",
            [Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest]),
    ];

    private sealed record Ids(int AccountA, int SharedDocumentA, int InternalDocumentA, int InvoiceA, int RequestA);

    private readonly PortalAppFactory app = new();

    [Fact]
    public void Every_route_of_the_portal_is_in_the_matrix()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is ["POST"] ? "POST " : "") + "/" + e.RoutePattern.RawText!.TrimStart('/'))
            // The framework's own (Blazor's connection, the static files with their extensions) are not the portal's
            // routes; the answers' export is, .csv and all.
            // routes; the answers' export is, .csv and all. The static files' fallback route ends in ":file}".
            .Where(r => !r.Contains("/_", StringComparison.Ordinal) && !r.EndsWith(":file}", StringComparison.Ordinal)
                        && (!Path.HasExtension(r) || r.EndsWith("/answers.csv", StringComparison.Ordinal)))
            .ToHashSet();
        // /health is middleware ahead of routing (see PortalHealth), not an endpoint.
        routes.Add(ApprovalsPortal.Hosting.PortalHealth.Path);
        var listed = Matrix().Select(m => m.Template.Split(" (")[0]).ToHashSet();

        Assert.Empty(routes.Except(listed).Order());
        Assert.Empty(listed.Except(routes).Order());
    }

    [Fact]
    public async Task Each_visitor_gets_the_expected_answer_from_every_route()
    {
        var ids = await IdsAsync();
        var visitors = new Dictionary<Visitor, HttpClient>
        {
            [Visitor.Anonymous] = app.CreateHttpClient(),
            [Visitor.ClientA] = await SignedInAsync(DemoLogins.Client.Email),
            [Visitor.ClientB] = await SignedInAsync("maya@bluebird.test"),
            [Visitor.Staff] = await SignedInAsync(DemoLogins.Staff.Email),
            [Visitor.Admin] = await SignedInAsync(DemoLogins.Admin.Email),
            [Visitor.Deactivated] = await DeactivatedAsync(),
        };
        var wrong = new List<string>();
        foreach (var (template, url, expected) in Matrix())
        {
            foreach (var visitor in Enum.GetValues<Visitor>())
            {
                var address = url(ids);
                using var response = address.StartsWith("POST ", StringComparison.Ordinal)
                    ? await visitors[visitor].PostAsync(address[5..], new FormUrlEncodedContent([]))
                    : await visitors[visitor].GetAsync(address);
                var actual = OutcomeOf(response);
                if (actual != expected[(int)visitor]) wrong.Add($"{template} as {visitor}: expected {expected[(int)visitor]}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static Outcome? OutcomeOf(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Outcome.Ok,
        HttpStatusCode.NotFound => Outcome.NotFound,
        HttpStatusCode.BadRequest => Outcome.BadRequest,
        HttpStatusCode.Gone => Outcome.Gone,
        HttpStatusCode.Redirect when PathOf(response.Headers.Location!).StartsWith("/account/sign-in", StringComparison.Ordinal) => Outcome.SignIn,
        HttpStatusCode.Redirect when PathOf(response.Headers.Location!).StartsWith("/account/access-denied", StringComparison.Ordinal) => Outcome.Denied,
        _ => null,
    };

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(email, DemoLogins.Password)).StatusCode);
        return client;
    }

    /// <summary>A staff member who signs in, then an admin deactivates them: the client keeps the old cookie.</summary>
    private async Task<HttpClient> DeactivatedAsync()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<ApprovalsPortal.Identity.UserAdministration>();
        Assert.True((await users.CreateUserAsync("Dee Parted", "dee@firm.test", DemoLogins.Password, ApprovalsPortal.Identity.Roles.Staff)).Succeeded);
        var client = await SignedInAsync("dee@firm.test");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var deeId = await db.Users.Where(u => u.Email == "dee@firm.test").Select(u => u.Id).SingleAsync();
        var adminId = await db.Users.Where(u => u.Email == DemoLogins.Admin.Email).Select(u => u.Id).SingleAsync();
        var admin = new ApprovalsPortal.Identity.PortalUser(adminId, "Admin", IsAdmin: true, IsStaffMember: false, IsClient: false);
        await scope.ServiceProvider.GetRequiredService<ApprovalsPortal.Features.Administration.StaffUserService>().DeactivateAsync(admin, deeId);
        return client;
    }

    private async Task<Ids> IdsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        return new Ids(
            account,
            await db.Documents.Where(d => d.Name == "2026 Annual Accounts.pdf").Select(d => d.Id).SingleAsync(),
            await db.Documents.Where(d => d.Name == "Working papers.csv").Select(d => d.Id).SingleAsync(),
            await db.Invoices.Where(i => i.ClientAccountId == account).Select(i => i.Id).FirstAsync(),
            await db.ClientRequests.Where(r => r.Item.ClientAccountId == account).Select(r => (int?)r.Id).FirstOrDefaultAsync() ?? await RequestAsync(db, account));
    }

    /// <summary>The demo data asks Northwind no questions: one request gives the request routes something to show.</summary>
    private async Task<int> RequestAsync(AppDbContext db, int account)
    {
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var staff = new ApprovalsPortal.Identity.PortalUser(staffId, DemoLogins.Staff.Name, IsAdmin: false, IsStaffMember: true, IsClient: false);
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalsPortal.Features.Requests.RequestService>().CreateAsync(staff,
            new ApprovalsPortal.Features.Requests.RequestInput(account, "Year-end questions", "A few answers, please.", null,
                [new(ApprovalsPortal.Features.Requests.QuestionType.ShortText, "Bank name", Required: true)], [],
                ApprovalsPortal.Features.ActionItems.ReminderSettings.Off, null));
    }

    public void Dispose() => app.Dispose();
}
