using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ApprovalsPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignInAndPortalTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    [Fact]
    public async Task The_portal_fits_a_phone_and_its_viewer_offers_every_client_action()
    {
        var page = await browser.NewPageAsync(app.BaseUrl, width: 375, height: 740);
        await page.SignInAsync(DemoLogins.Client.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/portal$"));
        await Expect(page.GetByTestId("portal-document")).ToHaveCountAsync(3);
        Assert.True(await page.FitsWidthAsync(), "The page scrolls sideways at phone width.");
        await Screenshots.TakeAsync(page, "client-phone-list");

        await page.GetByTestId("portal-document").Filter(new() { HasText = "VAT return notes.txt" }).ClickAsync();
        await Expect(page.GetByTestId("viewer-text")).ToContainTextAsync("Please confirm the figures");
        await Expect(page.GetByTestId("viewer-download")).ToBeVisibleAsync();
        Assert.True(await page.FitsWidthAsync(), "The page scrolls sideways at phone width.");
        await Screenshots.TakeAsync(page, "client-phone-viewer");

        // The image opens as an image.
        await page.GotoAsync("/portal");
        await page.GetByTestId("portal-document").Filter(new() { HasText = "Monthly sales chart.png" }).ClickAsync();
        await Expect(page.GetByTestId("viewer-image")).ToBeVisibleAsync();
        // Visible comes before loaded: wait for the picture itself.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=viewer-image]'); return !!i && i.complete && i.naturalWidth > 0; }", null, new() { Timeout = 30_000 });

        // Every action is reachable: signing out through the account menu.
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await page.GotoAsync("/portal");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in\\?ReturnUrl=%2Fportal"));
    }

    [Fact]
    public async Task An_emailed_document_link_leads_through_sign_in_straight_to_the_document()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var id = await db.Documents.Where(d => d.Name == "VAT return notes.txt").Select(d => d.Id).SingleAsync();
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync($"/portal/documents/{id}");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await page.FillAsync("#email", DemoLogins.Client.Email);
        await page.FillAsync("#password", DemoLogins.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex($"/portal/documents/{id}$"));
        await Expect(page.GetByTestId("viewer-title")).ToHaveTextAsync("VAT return notes.txt");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_message()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoLogins.Staff.Email, "wrong-password");
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("Wrong email or password. After 5 failed attempts a login is locked for 15 minutes.");
    }

    [Fact]
    public async Task A_client_typing_a_staff_address_is_refused()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoLogins.Client.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/portal$"));
        await page.GotoAsync("/accounts");
        await Expect(page.GetByText("You don't have access to this page")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("accounts-table")).ToHaveCountAsync(0);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}

[Collection(BrowserCollection.Name)]
public sealed class FirstRunBrowserTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new("Production");

    [Fact]
    public async Task The_first_visitor_creates_the_admin_and_lands_in_the_staff_workspace()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create the firm's admin account" })).ToBeVisibleAsync();

        await page.FillAsync("#name", "Fiona Founder");
        await page.FillAsync("#email", "fiona@firm.test");
        await page.FillAsync("#password", "short");
        await page.FillAsync("#confirm", "short");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByText("Use at least 10 characters.")).ToBeVisibleAsync();

        await page.FillAsync("#password", "a-long-admin-password");
        await page.FillAsync("#confirm", "a-long-admin-password");
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await Expect(page.GetByText("No client accounts yet.")).ToBeVisibleAsync();

        await page.GotoAsync("/setup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Already set up" })).ToBeVisibleAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
