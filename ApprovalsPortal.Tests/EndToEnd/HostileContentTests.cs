using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
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
/// Uploaded files that carry script, opened in Chromium from the portal's origin: none of their scripts runs (the
/// page's title stays, the marker address is never asked for, no dialog opens).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileContentTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    private async Task<int> UploadAsync(string name, byte[] content)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var account = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var folder = await db.Folders.Where(f => f.ClientAccountId == account && f.Name == Folder.DefaultSharedName).Select(f => f.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        using var stream = new MemoryStream(content);
        var outcome = await scope.ServiceProvider.GetRequiredService<DocumentService>().UploadAsync(
            new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false), new UploadRequest(account, folder, name, content.Length, ""), stream, null);
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.DocumentId!.Value;
    }

    [Fact]
    public async Task Script_in_uploaded_text_images_and_pdfs_never_runs_in_the_portals_origin()
    {
        var text = await UploadAsync("drawing.txt", HostileFiles.SvgWithScript());
        var polyglot = await UploadAsync("polyglot.png", HostileFiles.PngSvgPolyglot());
        var pdf = await UploadAsync("statement.pdf", HostileFiles.PdfWithJavaScript());

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoLogins.Client.Email);
        await Expect(page.GetByTestId("portal-document").First).ToBeVisibleAsync();
        var markerRequests = 0;
        var dialogs = 0;
        await page.Context.RouteAsync($"**/{HostileFiles.Marker}*", async route =>
        {
            Interlocked.Increment(ref markerRequests);
            await route.FulfillAsync(new() { Status = 204 });
        });
        page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            await dialog.DismissAsync();
        };

        // The SVG's markup shows as text.
        await page.GotoAsync(DocumentEndpoints.ContentUrl(text));
        await Expect(page.Locator("body")).ToContainTextAsync("<script>");
        Assert.NotEqual(HostileFiles.Marker, await page.TitleAsync());

        // The PNG-and-SVG polyglot is an image that fails to decode, never a document.
        await page.GotoAsync(DocumentEndpoints.ContentUrl(polyglot));
        await Expect(page.Locator("img")).ToHaveCountAsync(1);
        Assert.NotEqual(HostileFiles.Marker, await page.TitleAsync());

        // The PDF opens in Chromium's viewer, which runs in an origin of its own; then the portal page is shown again.
        await page.GotoAsync(DocumentEndpoints.ContentUrl(pdf));
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.GotoAsync("/portal");
        await Expect(page.GetByTestId("portal-document").First).ToBeVisibleAsync();
        Assert.NotEqual(HostileFiles.Marker, await page.TitleAsync());

        Assert.Equal(0, markerRequests);
        Assert.Equal(0, dialogs);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
