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
/// Keyboard use of the busiest screens: Tab reaches every control that a pointer can use, in order, and each shows
/// where the focus is. Dialogs trapping and giving back the focus are checked in <see cref="LiveRefreshTests"/> and
/// the viewer's drawer in <see cref="ViewerLayoutTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    /// <summary>
    /// Marks every visible control, presses Tab until the focus has gone round, and returns the controls never
    /// reached and the reached ones whose focus cannot be seen (no outline or shadow; text fields show theirs with
    /// the caret and underline, and are not judged). A composite widget (tabs, a list of options) is one Tab stop
    /// with the arrow keys inside it, as WAI-ARIA asks: it counts as reached when one member is, and the arrows must
    /// then move the focus to another member. Buttons taken out of the Tab order on purpose (a picker's adornment,
    /// whose field opens the picker from the keyboard) are not counted.
    /// </summary>
    private static async Task<(List<string> Unreached, List<string> Unmarked, int Controls)> TabThroughAsync(IPage page)
    {
        var count = await page.EvaluateAsync<int>("""
            () => {
              const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                return r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth && s.visibility !== 'hidden' && !e.closest('[aria-hidden=true], [inert]'); };
              const groupOf = e => e.closest('[role=tablist], [role=listbox], [role=menu], [role=radiogroup]');
              const controls = Array.from(document.querySelectorAll(
                'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]):not([type=radio]), select:not([disabled]), textarea:not([disabled]), [role=tab], [role=option], [tabindex="0"]'))
                .filter(visible).filter(e => e.getAttribute('tabindex') !== '-1' || groupOf(e));
              const groups = [];
              controls.forEach((e, i) => {
                e.setAttribute('data-kb', String(i));
                const g = groupOf(e);
                if (g) { if (!groups.includes(g)) groups.push(g); e.setAttribute('data-kb-group', String(groups.indexOf(g))); }
              });
              document.activeElement?.blur();
              window.__kbReached = new Set();
              window.__kbUnmarked = [];
              return controls.length;
            }
            """);
        for (var i = 0; i < count * 2 + 10; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            await page.EvaluateAsync("""
                () => {
                  const e = document.activeElement;
                  if (!e || !e.hasAttribute('data-kb')) return;
                  window.__kbReached.add(e.getAttribute('data-kb'));
                  if (e.hasAttribute('data-kb-group')) window.__kbReached.add('group' + e.getAttribute('data-kb-group'));
                  if (e.matches('input:not([type=checkbox]):not([type=radio]), textarea, select')) return;
                  const shows = x => { if (!x) return false; const s = getComputedStyle(x);
                    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
                  if (!shows(e) && !shows(e.closest('.mud-button-root')))
                    window.__kbUnmarked.push((e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 50));
                }
                """);
        }
        var unreached = (await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('[data-kb]'))
              .filter(e => !window.__kbReached.has(e.getAttribute('data-kb')) && !(e.hasAttribute('data-kb-group') && window.__kbReached.has('group' + e.getAttribute('data-kb-group'))))
              .map(e => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 50)}"`)
            """)).ToList();

        // Inside each composite widget, the arrow keys reach the next member.
        var groups = await page.EvaluateAsync<int>("() => new Set(Array.from(document.querySelectorAll('[data-kb-group]')).map(e => e.getAttribute('data-kb-group'))).size");
        for (var g = 0; g < groups; g++)
        {
            var members = page.Locator($"[data-kb-group='{g}']");
            if (await members.CountAsync() < 2) continue;
            // Start where Tab lands: the member in the Tab order.
            var entry = page.Locator($"[data-kb-group='{g}']:not([tabindex='-1'])");
            await (await entry.CountAsync() > 0 ? entry.First : members.First).FocusAsync();
            var before = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-kb')");
            var vertical = await page.EvaluateAsync<bool>($"() => !document.querySelector(\"[data-kb-group='{g}']\").closest('[role=tablist]')");
            await page.Keyboard.PressAsync(vertical ? "ArrowDown" : "ArrowRight");
            var moved = true;
            try
            {
                // The component moves the focus from the server: wait for it.
                await page.WaitForFunctionAsync($"b => document.activeElement.getAttribute('data-kb-group') === '{g}' && document.activeElement.getAttribute('data-kb') !== b",
                    before, new PageWaitForFunctionOptions { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                moved = false;
            }
            if (!moved) unreached.Add($"the arrow keys inside \"{(await members.First.InnerTextAsync()).Trim()}\"'s group");
        }
        var unmarked = (await page.EvaluateAsync<string[]>("() => Array.from(new Set(window.__kbUnmarked))")).ToList();
        return (unreached, unmarked, count);
    }

    private static async Task AssertKeyboardReachesAllAsync(IPage page, string screen, int atLeast)
    {
        var (unreached, unmarked, controls) = await TabThroughAsync(page);
        Assert.True(controls >= atLeast, $"{screen}: only {controls} controls found; the page did not render as expected");
        Assert.True(unreached.Count == 0, $"{screen}: Tab never reaches {string.Join(", ", unreached)}");
        Assert.True(unmarked.Count == 0, $"{screen}: no visible focus on {string.Join(", ", unmarked)}");
    }

    [Fact]
    public async Task Staff_reach_every_control_of_the_documents_hub_and_the_account_page_by_keyboard_with_visible_focus()
    {
        var page = await browser.NewPageAsync(app.BaseUrl, 1280, 900);
        await page.SignInAsync(DemoLogins.Staff.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));

        await page.GotoAsync("/documents");
        await Expect(page.GetByTestId("hub-table").Locator("tbody tr")).ToHaveCountAsync(7);
        await AssertKeyboardReachesAllAsync(page, "Documents hub", 20);

        var account = await NorthwindAsync();
        await page.GotoAsync($"/accounts/{account}?tab=documents");
        await Expect(page.GetByTestId("documents-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await AssertKeyboardReachesAllAsync(page, "Account documents", 20);
    }

    [Fact]
    public async Task A_client_reaches_the_portal_and_the_decision_buttons_by_keyboard_and_approves_without_a_pointer()
    {
        var documentId = await RequestApprovalAsync();
        var page = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await page.SignInAsync(DemoLogins.Client.Email);
        await Expect(page).ToHaveURLAsync(new Regex("/portal$"));
        await Expect(page.GetByTestId("pending-action").First).ToBeVisibleAsync();
        await AssertKeyboardReachesAllAsync(page, "Portal", 5);

        await page.GotoAsync($"/portal/documents/{documentId}");
        await Expect(page.GetByTestId("approve-button")).ToBeVisibleAsync();
        await AssertKeyboardReachesAllAsync(page, "Client's document", 4);

        // Approve with the keyboard alone: focus the button, Enter, confirm with Enter.
        await page.GetByTestId("approve-button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var confirm = page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Approve" });
        await Expect(confirm).ToBeVisibleAsync();
        // The dialog's focus trap places its first focus from the server: let it land before moving to the button.
        await Expect(page.Locator(".mud-dialog :focus, .mud-dialog:focus")).ToHaveCountAsync(1);
        await confirm.FocusAsync();
        await Expect(confirm).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("decision-confirmation")).ToBeVisibleAsync();
    }

    private async Task<int> NorthwindAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
    }

    private async Task<int> RequestApprovalAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var document = await db.Documents.Where(d => d.Name == "2026 Annual Accounts.pdf").Select(d => d.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<ApprovalService>()
            .RequestAsync(new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false), document, new ApprovalInput("Please approve", false, 3, 1));
        return document;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
