using System.Text.RegularExpressions;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class FoundationJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();
    private readonly TempDataFolder files = new();

    [Fact]
    public async Task Staff_shares_a_pdf_and_the_invited_client_sees_it_but_not_the_internal_document()
    {
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await Expect(staff).ToHaveURLAsync(new Regex("/accounts$"));

        // Create an account.
        await staff.GetByTestId("new-account").ClickAsync();
        await staff.Field("prompt-field").FillAsync("Acme Testing Ltd");
        await staff.SubmitDialogAsync("prompt-submit");
        await Expect(staff.GetByTestId("account-name")).ToHaveTextAsync("Acme Testing Ltd");

        // Give a contact portal access and take the invitation link.
        await staff.GetByRole(AriaRole.Tab, new() { Name = "Contacts" }).ClickAsync();
        await staff.GetByTestId("add-contact").ClickAsync();
        await staff.Field("contact-name").FillAsync("Casey Client");
        await staff.Field("contact-email").FillAsync("casey@acme.test");
        await staff.Field("contact-portal").CheckAsync();
        await staff.SubmitDialogAsync("contact-save");
        var invitation = await staff.Field("invitation-link").InputValueAsync();
        Assert.Contains("/account/set-password?user=", invitation);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(staff.GetByTestId("contacts-table")).ToContainTextAsync("casey@acme.test");
        await Screenshots.TakeAsync(staff, "staff-contacts");

        // Upload a PDF into "Shared with client" and a text file into "Internal".
        await staff.GetByRole(AriaRole.Tab, new() { Name = "Documents" }).ClickAsync();
        await Expect(staff.GetByTestId("documents-heading")).ToHaveTextAsync("Shared with client");
        var pdf = WriteFile("Engagement letter.pdf", SamplePdf.Create("Engagement letter", ["Scope of work", "Fees"]));
        await UploadAsync(staff, "Engagement letter.pdf", pdf, folder: null);
        var internalNote = WriteFile("Internal review notes.txt", "Only for staff: check the fee estimate."u8.ToArray());
        await UploadAsync(staff, "Internal review notes.txt", internalNote, folder: "Internal");
        var internalHref = await staff.GetByTestId("document-link").Filter(new() { HasText = "Internal review notes.txt" }).GetAttributeAsync("href");
        var internalId = int.Parse(internalHref!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await Screenshots.TakeAsync(staff, "staff-documents");

        // Open the PDF in the viewer.
        await staff.GetByTestId("folder-link").Filter(new() { HasText = "Shared with client" }).ClickAsync();
        await staff.GetByTestId("document-link").Filter(new() { HasText = "Engagement letter.pdf" }).ClickAsync();
        await Expect(staff.GetByTestId("viewer-title")).ToHaveTextAsync("Engagement letter.pdf");
        var pdfFrame = staff.GetByTestId("viewer-pdf");
        await Expect(pdfFrame).ToHaveAttributeAsync("src", new Regex(@"/documents/\d+/content$"));
        await Expect(staff.GetByTestId("audit-trail")).ToContainTextAsync("Uploaded by Sam Staff");
        await Screenshots.TakeAsync(staff, "staff-viewer");

        // The client sets a password through the invitation and signs in.
        var client = await browser.NewPageAsync(app.BaseUrl);
        await client.GotoAsync(invitation);
        await client.FillAsync("#password", "casey-portal-pass");
        await client.FillAsync("#confirm", "casey-portal-pass");
        await client.ClickAsync("button[type=submit]");
        await Expect(client).ToHaveURLAsync(new Regex("/account/sign-in"));
        await client.SignInAsync("casey@acme.test", "casey-portal-pass");
        await Expect(client).ToHaveURLAsync(new Regex("/portal$"));
        var portalList = client.GetByTestId("portal-documents");
        await Expect(portalList).ToContainTextAsync("Engagement letter.pdf");
        await Expect(portalList).Not.ToContainTextAsync("Internal review notes.txt");
        await Expect(client.GetByTestId("firm-name")).ToHaveTextAsync("Harbor & Pine Accounting");
        await Screenshots.TakeAsync(client, "client-portal");

        // The client opens the shared document in the viewer, without staff actions.
        await client.GetByTestId("portal-document").Filter(new() { HasText = "Engagement letter.pdf" }).ClickAsync();
        await Expect(client.GetByTestId("viewer-title")).ToHaveTextAsync("Engagement letter.pdf");
        await Expect(client.GetByTestId("viewer-menu")).ToHaveCountAsync(0);
        await Expect(client.GetByTestId("audit-trail")).ToHaveCountAsync(0);

        // Asking for the Internal document's content directly is refused, and so is its viewer page.
        var direct = await client.Context.APIRequest.GetAsync($"{app.BaseUrl}/documents/{internalId}/content");
        Assert.Equal(404, direct.Status);
        await client.GotoAsync($"/portal/documents/{internalId}");
        await Expect(client.GetByTestId("document-not-found")).ToBeVisibleAsync();
    }

    private static async Task UploadAsync(IPage page, string fileName, string path, string? folder)
    {
        await page.GetByTestId("upload-button").ClickAsync();
        if (folder is not null)
        {
            await page.ChooseAsync("upload-folder", folder);
        }
        var files = page.Locator(".mud-dialog input[type=file]").Last;
        await files.WaitUntilBlazorListensAsync();
        await files.SetInputFilesAsync(path);
        await Expect(page.GetByTestId("upload-item")).ToContainTextAsync(fileName);
        await Screenshots.TakeAsync(page, "staff-upload-dialog");
        await page.SubmitDialogAsync("upload-submit");
        await Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("1 file uploaded.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        if (folder is not null) await page.GetByTestId("folder-link").Filter(new() { HasText = folder }).ClickAsync();
        await Expect(page.GetByTestId("documents-table")).ToContainTextAsync(fileName);
    }

    private string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(files.Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose()
    {
        app.Dispose();
        files.Dispose();
    }
}
