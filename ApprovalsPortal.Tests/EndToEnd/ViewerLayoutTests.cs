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

/// <summary>
/// The viewer fills the window: a long history scrolls inside its side panel instead of growing the page, the
/// side panel is a drawer on phones that gives the focus back, and the client's decision bar stays in sight.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ViewerLayoutTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    /// <summary>The annual accounts with a request resent a dozen times: a trail far taller than the window.</summary>
    private async Task<int> DocumentWithLongHistoryAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var staff = new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false);
        var document = await db.Documents.SingleAsync(d => d.Name == "2026 Annual Accounts.pdf");
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalService>();
        await approvals.RequestAsync(staff, document.Id, new ApprovalInput("Please approve", false, 3, 1));
        for (var i = 0; i < 12; i++)
            await approvals.ResendAsync(staff, document.Id, new ApprovalInput($"Reminder number {i}", false, 3, 1));
        return document.Id;
    }

    /// <summary>An element's place in the window, read in the browser (Playwright fills it by property name).</summary>
    private sealed class Box
    {
        public double Top { get; set; }
        public double Bottom { get; set; }
        public double Height { get; set; }
        public double Width { get; set; }
        public double ScrollHeight { get; set; }
        public double ClientHeight { get; set; }
    }

    private static Task<Box> BoxOfAsync(ILocator locator) => locator.EvaluateAsync<Box>(
        "e => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height, width: r.width, scrollHeight: e.scrollHeight, clientHeight: e.clientHeight }; }");

    private static Task<double> PageOverflowAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.documentElement.scrollHeight - window.innerHeight");

    [Fact]
    public async Task At_desktop_width_the_document_fills_the_window_and_a_long_trail_scrolls_in_its_own_panel()
    {
        var documentId = await DocumentWithLongHistoryAsync();
        var page = await browser.NewPageAsync(app.BaseUrl, 1280, 720);
        await page.SignInAsync(DemoLogins.Staff.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await page.GotoAsync($"/documents/{documentId}");
        await Expect(page.GetByTestId("audit-entry")).ToHaveCountAsync(14);
        await Expect(page.Locator("[data-testid=viewer][data-fitted]")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "viewer-long-history-1280");

        Assert.True(await PageOverflowAsync(page) <= 1, "the page itself must not scroll: the trail scrolls inside its panel");
        var frame = await BoxOfAsync(page.GetByTestId("viewer-pdf"));
        Assert.True(frame.Bottom >= 720 - 100, $"the document should reach the window's bottom, ends at {frame.Bottom}");
        Assert.True(frame.Height >= 420, $"the document should take the window's height, is {frame.Height} px tall");
        var side = await BoxOfAsync(page.GetByTestId("viewer-side"));
        Assert.True(side.Bottom <= 720, $"the side panel should end inside the window, ends at {side.Bottom}");
        Assert.True(side.ScrollHeight > side.ClientHeight, "the long trail should scroll inside the side panel");

        // Collapsing the panel gives its width to the document; opening it again brings it back.
        await page.GetByTestId("viewer-trail-toggle").ClickAsync();
        await Expect(page.GetByTestId("viewer-side")).ToBeHiddenAsync();
        var wide = await BoxOfAsync(page.GetByTestId("viewer-pdf"));
        Assert.True(wide.Width >= frame.Width + 300, $"the document should widen when the panel closes ({frame.Width} → {wide.Width})");
        await Expect(page.GetByTestId("viewer-trail-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await page.GetByTestId("viewer-trail-toggle").ClickAsync();
        await Expect(page.GetByTestId("audit-trail")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_trail_is_a_drawer_that_closes_with_escape_and_gives_the_focus_back()
    {
        var documentId = await DocumentWithLongHistoryAsync();
        var page = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await page.SignInAsync(DemoLogins.Staff.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await page.GotoAsync($"/documents/{documentId}");
        await Expect(page.GetByTestId("viewer-pdf")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("viewer-side")).ToBeHiddenAsync();
        Assert.True(await page.FitsWidthAsync(), "nothing may stick out sideways");

        var toggle = page.GetByTestId("viewer-drawer-toggle");
        await toggle.ClickAsync();
        var drawer = page.GetByTestId("viewer-side");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(drawer).ToBeFocusedAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("audit-entry")).ToHaveCountAsync(14);
        await Screenshots.TakeAsync(page, "viewer-drawer-375");
        var box = await BoxOfAsync(drawer);
        Assert.True(box.Top >= 0 && box.Bottom <= 812, $"the drawer should stay inside the window ({box.Top}–{box.Bottom})");
        Assert.True(box.ScrollHeight > box.ClientHeight, "the long trail should scroll inside the drawer");

        await page.Keyboard.PressAsync("Escape");
        await Expect(drawer).ToBeHiddenAsync();
        await Expect(toggle).ToBeFocusedAsync();

        // The Close button does the same.
        await toggle.ClickAsync();
        await page.GetByTestId("viewer-drawer-close").ClickAsync();
        await Expect(drawer).ToBeHiddenAsync();
        await Expect(toggle).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(375, 812)]
    public async Task The_clients_decision_bar_stays_in_sight_above_the_document(int width, int height)
    {
        var documentId = await DocumentWithLongHistoryAsync();
        var page = await browser.NewPageAsync(app.BaseUrl, width, height);
        await page.SignInAsync("olivia@northwind.test");
        await Expect(page).ToHaveURLAsync(new Regex("/portal$"));
        await page.GotoAsync($"/portal/documents/{documentId}");
        var bar = page.GetByTestId("decision-bar");
        await Expect(bar).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=viewer][data-fitted]")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, $"viewer-client-{width}");

        var barBox = await BoxOfAsync(bar);
        Assert.True(barBox.Top >= 0 && barBox.Bottom <= height, $"the decision bar should be in the window ({barBox.Top}–{barBox.Bottom})");
        await Expect(page.GetByTestId("approve-button")).ToBeInViewportAsync();
        var frame = await BoxOfAsync(page.GetByTestId("viewer-pdf"));
        Assert.True(frame.Height >= 240, $"the document should keep a readable height, is {frame.Height} px");
        if (width >= 960)
        {
            Assert.True(await PageOverflowAsync(page) <= 1, "on a desk the page should not scroll: the document fills the rest");
            Assert.True(frame.Bottom >= height - 100, $"the document should reach the window's bottom, ends at {frame.Bottom}");
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
