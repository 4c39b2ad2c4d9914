using ApprovalsPortal.Features.Demo;
using Microsoft.Playwright;

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

    /// <summary>Waits until the interactive circuit is up, so clicks reach Blazor and are not lost.</summary>
    public static Task WaitForCircuitAsync(this IPage page, string readySelector) =>
        page.Locator(readySelector).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
}
