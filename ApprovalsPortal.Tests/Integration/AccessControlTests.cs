using System.Net;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>The server's own checks, asked over HTTP as a browser would, with the demo data of a Development start.</summary>
public sealed class AccessControlTests : IClassFixture<AccessControlTests.DemoApp>
{
    public sealed class DemoApp : IDisposable
    {
        public PortalAppFactory App { get; } = new();
        public void Dispose() => App.Dispose();
    }

    private readonly PortalAppFactory app;

    public AccessControlTests(DemoApp demo) => app = demo.App;

    private async Task<int> DocumentIdAsync(string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Documents.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateHttpClient();
        var response = await client.PostSignInAsync(email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task Anonymous_requests_for_content_are_sent_to_sign_in()
    {
        var id = await DocumentIdAsync("2026 Annual Accounts.pdf");
        var response = await app.CreateHttpClient().GetAsync($"/documents/{id}/content");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_client_gets_their_shared_document_and_nothing_else()
    {
        var client = await SignedInAsync(DemoLogins.Client.Email);

        var shared = await client.GetAsync($"/documents/{await DocumentIdAsync("2026 Annual Accounts.pdf")}/content");
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal("application/pdf", shared.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", await shared.Content.ReadAsStringAsync());

        var internalDoc = await client.GetAsync($"/documents/{await DocumentIdAsync("Working papers.csv")}/content");
        Assert.Equal(HttpStatusCode.NotFound, internalDoc.StatusCode);
        var otherAccount = await client.GetAsync($"/documents/{await DocumentIdAsync("Payroll summary March.pdf")}/content");
        Assert.Equal(HttpStatusCode.NotFound, otherAccount.StatusCode);
        var missing = await client.GetAsync("/documents/999999/content");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("/accounts")]
    [InlineData("/accounts/1")]
    [InlineData("/documents/1")]
    public async Task A_client_is_refused_every_staff_page(string path)
    {
        var client = await SignedInAsync(DemoLogins.Client.Email);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Staff_are_refused_the_client_portal_and_can_download_any_document()
    {
        var staff = await SignedInAsync(DemoLogins.Staff.Email);
        var portal = await staff.GetAsync("/portal");
        Assert.StartsWith("/account/access-denied", portal.Headers.Location!.PathAndQuery);

        var download = await staff.GetAsync($"/documents/{await DocumentIdAsync("Working papers.csv")}/content?download=true");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Working papers.csv", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_email_and_a_locked_login_get_the_same_answer_and_the_lock_holds()
    {
        var client = app.CreateHttpClient();
        var wrongPassword = SignInError(await (await client.PostSignInAsync(DemoLogins.Admin.Email, "not-the-password")).Content.ReadAsStringAsync());
        Assert.StartsWith("Wrong email or password.", wrongPassword);

        for (var i = 0; i < 4; i++) await client.PostSignInAsync(DemoLogins.Admin.Email, "not-the-password");
        // Locked: even the right password is refused (no redirect into the portal, no cookie)...
        var locked = await client.PostSignInAsync(DemoLogins.Admin.Email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.False(locked.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("ApprovalsPortal.Auth=", StringComparison.Ordinal)));
        // ...and the page reads exactly as for a wrong password or an email that has no login, so it tells no one
        // which emails have logins.
        Assert.Equal(wrongPassword, SignInError(await locked.Content.ReadAsStringAsync()));
        var unknown = await client.PostSignInAsync("nobody-here@example.test", "not-the-password");
        Assert.Equal(wrongPassword, SignInError(await unknown.Content.ReadAsStringAsync()));
    }

    private static string SignInError(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"sign-in-error\">([^<]*)<");
        Assert.True(match.Success, "The sign-in page shows no error.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token()
    {
        var client = await SignedInAsync(DemoLogins.Staff.Email);
        var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_lists_the_demo_logins_while_demo_data_is_in_use()
    {
        var page = await app.CreateHttpClient().GetStringAsync("/account/sign-in");
        Assert.Contains("data-testid=\"demo-logins\"", page);
        Assert.Contains(DemoLogins.Staff.Email, page);
    }
}
