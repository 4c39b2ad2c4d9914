using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignatureJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private const string DocumentName = "2026 Annual Accounts.pdf";
    private readonly PortalAppFactory app = new();

    [Fact]
    public async Task Staff_ask_for_a_signature_the_client_draws_it_on_a_phone_and_staff_download_the_signed_copy()
    {
        int documentId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            documentId = await db.Documents.Where(d => d.Name == DocumentName).Select(d => d.Id).SingleAsync();

        // Staff ask from the viewer's toolbar; Olivia is the account's only contact with portal access.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync($"/documents/{documentId}");
        await staff.GetByTestId("viewer-request-signatures").ClickAsync();
        await Expect(staff.GetByTestId("signature-signer")).ToHaveCountAsync(1);
        await staff.Field("signature-message").FillAsync("Please sign the accounts.");
        await staff.SubmitDialogAsync("signature-submit");
        await Expect(staff.GetByTestId("signature-status")).ToHaveTextAsync("Awaiting signatures · 0 of 1 signed");

        // The client, on a phone, opens the to-do and draws a signature.
        var client = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await client.SignInAsync(DemoLogins.Client.Email);
        var todo = client.GetByTestId("pending-action").Filter(new() { HasText = DocumentName });
        await Expect(todo).ToContainTextAsync("Signature requested");
        await todo.GetByTestId("pending-open").ClickAsync();
        await Expect(client.GetByTestId("signing-title")).ToHaveTextAsync($"Sign: {DocumentName}");
        await Expect(client.GetByTestId("signing-form")).ToBeVisibleAsync();
        await Expect(client.GetByRole(AriaRole.Radio, new() { Name = "Type my name" })).ToBeCheckedAsync();
        var draw = client.GetByRole(AriaRole.Radio, new() { Name = "Draw my signature" });
        await draw.ScrollIntoViewIfNeededAsync();
        await draw.ClickAsync();
        await Expect(draw).ToBeCheckedAsync();
        var pad = client.GetByTestId("signing-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        await Expect(pad).ToHaveAttributeAsync("data-pad-ready", "1");
        var box = (await pad.BoundingBoxAsync())!;
        await client.Mouse.MoveAsync(box.X + 20, box.Y + box.Height * 0.7f);
        await client.Mouse.DownAsync();
        foreach (var step in Enumerable.Range(1, 12))
            await client.Mouse.MoveAsync(box.X + 20 + step * 18, box.Y + box.Height * (step % 2 == 0 ? 0.3f : 0.7f));
        await client.Mouse.UpAsync();
        await client.Field("signing-name").FillAsync("Olivia Baker");
        await client.Field("signing-consent").CheckAsync();
        Assert.True(await client.FitsWidthAsync(), "The signing page is wider than a 375 px screen.");
        await Screenshots.TakeAsync(client, "signing-phone");
        await client.GetByTestId("signing-submit").ClickAsync();
        await client.ClickInDialogAsync("Sign");
        await Expect(client.GetByTestId("signing-complete")).ToContainTextAsync("Everyone has signed.");

        // Staff's open viewer shows it signed without a reload; the signature page offers the signed copy.
        await Expect(staff.GetByTestId("signature-status")).ToHaveTextAsync("Signed");
        await staff.GetByTestId("viewer-request-signatures").WaitForAsync();
        int requestId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            requestId = await db.SignatureRequests.Where(r => r.DocumentId == documentId).Select(r => r.Id).SingleAsync();
        await staff.GotoAsync($"/signatures/{requestId}");
        await Expect(staff.GetByTestId("signature-signer-row")).ToContainTextAsync("drawn");
        await Screenshots.TakeAsync(staff, "signature-page-signed");
        var download = await staff.RunAndWaitForDownloadAsync(() => staff.GetByTestId("signature-download-signed").ClickAsync());
        Assert.Equal("2026 Annual Accounts (signed).pdf", download.SuggestedFilename);
        using var signed = PdfDocument.Open(await download.PathAsync());
        var certificate = signed.GetPage(signed.NumberOfPages);
        Assert.Contains("Olivia Baker", certificate.Text);
        Assert.Contains("olivia@northwind.test", certificate.Text);
        Assert.Contains("127.0.0.1", certificate.Text);
        Assert.NotEmpty(certificate.GetImages());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
