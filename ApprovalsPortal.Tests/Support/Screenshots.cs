using Microsoft.Playwright;

namespace ApprovalsPortal.Tests.Support;

/// <summary>Saves screenshots when PORTAL_TEST_SCREENSHOTS names a folder: for a person to look at, never asserted.</summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("PORTAL_TEST_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
