using ApprovalsPortal.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.Support;

public static class PageExtensions
{
    public static async Task SignInAsync(this IPage page, string email, string password = DemoLogins.Password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>
    /// The input of a MudBlazor field: depending on the component, data-testid lands on the input itself or on a wrapper.
    /// </summary>
    public static ILocator Field(this IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>
    /// Picks an option of a MudSelect and waits until the select shows it, as a person would see it before going on.
    /// MudSelect applies the value only after a browser round trip (it closes its popover first), so a click sent
    /// sooner, on a busy machine, would reach the server before the choice does.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = option }).ClickAsync();
        await Expect(page.Locator($"[data-testid='{testId}'][role=combobox], [data-testid='{testId}'] [role=combobox]").First).ToContainTextAsync(option);
    }

    /// <summary>
    /// Whether the page fits its window without scrolling sideways. Waits (up to 30 s) for a layout that is still
    /// settling: after a resize, the narrow layout of some components arrives once the browser has told the circuit.
    /// </summary>
    public static async Task<bool> FitsWidthAsync(this IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1", null, new() { Timeout = 30_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits (up to 30 s) until Blazor's script listens to a file input. Files set before that are never seen by the
    /// circuit: no person is that quick after a dialog opens, but a test on a busy machine is.
    /// </summary>
    public static async Task WaitUntilBlazorListensAsync(this ILocator fileInput)
    {
        // InputFile's script sets this counter (it numbers the files it hands over) to 0 when it starts listening. The
        // locator finds the input again on each poll, so a dialog that re-renders it cannot leave the wait on an old one.
        await Expect(fileInput).ToHaveJSPropertyAsync("_blazorInputFileNextFileId", 0);
    }

    /// <summary>
    /// Clicks a button of the open dialog (once it is enabled) by dispatching the click to it. A pointer click is a
    /// press and a release at one spot, and a dialog that re-rendered between the two (just opened, or a field just
    /// left) was seen to lose it under load: the approval or the cancel then never happened.
    /// </summary>
    public static Task ClickInDialogAsync(this IPage page, string buttonName) =>
        page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = buttonName }).DispatchClickAsync();

    /// <summary>
    /// A dialog's submit button, clicked as <see cref="ClickInDialogAsync"/> does, once the field last typed in has
    /// let go of its value: a dispatched click moves no focus, so without the blur that field's change would not be
    /// sent before the submit.
    /// </summary>
    public static async Task SubmitDialogAsync(this IPage page, string testId)
    {
        await page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await page.GetByTestId(testId).DispatchClickAsync();
    }

    /// <summary>A dialog's button that is not found by its name, clicked the same way as <see cref="ClickInDialogAsync"/>.</summary>
    public static async Task DispatchClickAsync(this ILocator button)
    {
        // Only what a person could click: shown on screen (at phone width too), and enabled.
        await Expect(button).ToBeVisibleAsync();
        await Expect(button).ToBeEnabledAsync();
        await button.DispatchEventAsync("click");
    }

    /// <summary>What the page's content security policy refused since it loaded (BrowserFixture notes it).</summary>
    public static async Task<IReadOnlyList<string>> CspViolationsAsync(this IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");

    /// <summary>Waits until the interactive circuit is up, so clicks reach Blazor and are not lost.</summary>
    public static Task WaitForCircuitAsync(this IPage page, string readySelector) =>
        page.Locator(readySelector).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
}
