using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

/// <summary>
/// A live update never gets in the reader's way: an open row menu, a text selection and an open dialog survive it,
/// and the row under the pointer stays under the pointer. Updates come from a colleague editing a description,
/// which moves that document to the top of Recent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveRefreshTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    private static ILocator Rows(IPage page) => page.GetByTestId("hub-table").Locator("tbody tr");

    private static ILocator Row(IPage page, string name) => Rows(page).Filter(new() { HasText = name });

    private async Task<IPage> OpenRecentAsync(int height = 900)
    {
        var page = await browser.NewPageAsync(app.BaseUrl, 1280, height);
        await page.SignInAsync(DemoLogins.Staff.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await page.GotoAsync("/documents");
        await Expect(Rows(page)).ToHaveCountAsync(7);
        return page;
    }

    /// <summary>A colleague edits a document's description: it becomes the latest activity, at the top of Recent.</summary>
    private async Task TouchAsync(string documentName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var adminId = await db.Users.Where(u => u.Email == DemoLogins.Admin.Email).Select(u => u.Id).SingleAsync();
        var documentId = await db.Documents.Where(d => d.Name == documentName).Select(d => d.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<DocumentService>()
            .UpdateDescriptionAsync(new PortalUser(adminId, DemoLogins.Admin.Name, true, false, false), documentId, "Edited by a colleague " + Guid.NewGuid());
    }

    private static Task<string> FirstRowAsync(IPage page) => page.GetByTestId("hub-table").Locator("tbody tr").First.InnerTextAsync();

    private static async Task<string> LastRowNameAsync(IPage page) =>
        (await page.GetByTestId("hub-table").Locator("tbody tr").Last.GetByTestId("hub-row-name").InnerTextAsync()).Trim();

    /// <summary>The browser has told the circuit that the reader is using the list (set before it tells).</summary>
    private static ILocator Held(IPage page) => page.Locator("[data-live-held=true]");

    /// <summary>The list has an update that waits for the reader (set when the update arrives and is held).</summary>
    private static ILocator Waiting(IPage page) => page.Locator("[data-live-waiting=true]");

    [Fact]
    public async Task An_open_row_menu_holds_the_update_until_it_closes()
    {
        var page = await OpenRecentAsync();
        var mover = await LastRowNameAsync(page);
        await Row(page, "VAT return notes.txt").GetByRole(AriaRole.Button, new() { Name = "Actions for VAT return notes.txt" }).ClickAsync();
        var menu = page.Locator(".mud-popover-open [role=menu], .mud-popover-open .mud-menu-list").First;
        await Expect(menu).ToBeVisibleAsync();
        // The browser has told the circuit that the reader is busy with the list.
        await Expect(Held(page)).ToHaveCountAsync(1);

        await TouchAsync(mover);
        await Expect(Waiting(page)).ToHaveCountAsync(1);
        await Expect(menu).ToBeVisibleAsync();
        Assert.DoesNotContain(mover, await FirstRowAsync(page));

        // Closing the menu (a click beside it) lets the update through.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Documents" }).ClickAsync();
        await Expect(menu).ToBeHiddenAsync();
        await Expect(Rows(page).First).ToContainTextAsync(mover);
        await Expect(Waiting(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_text_selection_in_the_list_survives_and_the_update_follows_when_it_is_cleared()
    {
        var page = await OpenRecentAsync();
        var mover = await LastRowNameAsync(page);
        await page.EvaluateAsync("""
            () => {
              const link = Array.from(document.querySelectorAll('[data-testid=hub-row-name]')).find(a => a.textContent.trim() === 'VAT return notes.txt');
              const range = document.createRange();
              range.selectNodeContents(link);
              window.getSelection().removeAllRanges();
              window.getSelection().addRange(range);
            }
            """);
        await Expect(Held(page)).ToHaveCountAsync(1);

        await TouchAsync(mover);
        await Expect(Waiting(page)).ToHaveCountAsync(1);
        Assert.Equal("VAT return notes.txt", (await page.EvaluateAsync<string>("() => window.getSelection().toString()")).Trim());
        Assert.DoesNotContain(mover, await FirstRowAsync(page));

        await page.EvaluateAsync("() => window.getSelection().removeAllRanges()");
        await Expect(Rows(page).First).ToContainTextAsync(mover);
    }

    [Fact]
    public async Task The_row_under_the_pointer_stays_under_it_when_a_row_moves_to_the_top()
    {
        // A short window, so the page can scroll to keep the row in place.
        var page = await OpenRecentAsync(height: 520);
        var mover = await LastRowNameAsync(page);
        // The second row: the mover comes in above it.
        var hoveredName = (await Rows(page).Nth(1).GetByTestId("hub-row-name").InnerTextAsync()).Trim();
        var hovered = Row(page, hoveredName);
        var box = (await hovered.BoundingBoxAsync())!;
        var (x, y) = (box.X + 40, box.Y + box.Height / 2);
        // The list notes the pointer's row only once its watch is attached, a round trip after the rows render.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('*')].some(e => e.__live)", null, new() { Timeout = 30_000 });
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('*')].some(e => e.__live?.hoverKey)", null, new() { Timeout = 30_000 });

        await TouchAsync(mover);
        await Expect(Rows(page).First).ToContainTextAsync(mover);
        var under = await page.EvaluateAsync<string>("p => document.elementFromPoint(p.x, p.y)?.closest('tr')?.innerText ?? ''", new { x = (double)x, y = (double)y });
        Assert.Contains(hoveredName, under);
        Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 0, "the page should have scrolled by the row that came in above");
    }

    [Fact]
    public async Task An_open_dialog_keeps_what_was_typed_traps_the_focus_and_gives_it_back_to_the_rows_menu()
    {
        var page = await OpenRecentAsync();
        var mover = await LastRowNameAsync(page);
        var menuButton = Row(page, "VAT return notes.txt").GetByRole(AriaRole.Button, new() { Name = "Actions for VAT return notes.txt" });
        await menuButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var request = page.Locator(".mud-popover-open").GetByTestId("menu-request-approval");
        await Expect(request).ToBeVisibleAsync();
        await request.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog :focus, .mud-dialog:focus")).ToHaveCountAsync(1);
        var message = dialog.Locator("textarea").First;
        await message.FillAsync("Typed before the update");

        // The list behind the dialog updates; the dialog and its text stay.
        await TouchAsync(mover);
        await Expect(Rows(page).First).ToContainTextAsync(mover);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(message).ToHaveValueAsync("Typed before the update");

        // Tab cycles inside the dialog (the trap's wrap-around goes through the server: wait for the focus to settle).
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            try
            {
                await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-dialog')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Tab {i + 1} left the dialog for {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing'")}");
            }
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(menuButton).ToBeFocusedAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
