using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class InvoiceJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private const string DocumentName = "2026 Annual Accounts.pdf";
    private readonly PortalAppFactory app = new(settings: new Dictionary<string, string?>
    {
        ["Portal:Invoices:PaymentInstructions"] = "Bank transfer to Example Bank, sort code 00-00-00, account 12345678",
    });

    [Fact]
    public async Task Staff_lock_a_document_to_a_new_invoice_the_client_cannot_open_it_and_the_final_payment_unlocks_it_live()
    {
        int accountId, documentId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
            documentId = await db.Documents.Where(d => d.Name == DocumentName).Select(d => d.Id).SingleAsync();
        }

        // Staff writes an invoice of two lines; the totals follow the typing.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync($"/invoices/new?account={accountId}");
        await Expect(staff.GetByTestId("invoice-account-name")).ToHaveTextAsync("Northwind Bakery");
        await staff.Field("line-description").FillAsync("Year-end accounts 2026");
        await staff.Field("line-price").FillAsync("1000");
        await staff.Field("line-tax").FillAsync("20");
        await staff.GetByTestId("line-add").ClickAsync();
        var second = staff.GetByTestId("invoice-line").Nth(1);
        await second.Locator("[data-testid=line-description] textarea, textarea[data-testid=line-description]").First.FillAsync("Bookkeeping hours");
        await second.Locator("[data-testid=line-quantity] input, input[data-testid=line-quantity]").First.FillAsync("2.5");
        await second.Locator("[data-testid=line-price] input, input[data-testid=line-price]").First.FillAsync("40");
        await Expect(staff.GetByTestId("total-total")).ToHaveTextAsync("GBP 1,320.00");
        await Screenshots.TakeAsync(staff, "invoice-editor");
        await staff.GetByTestId("invoice-send").ClickAsync();
        await Expect(staff.GetByTestId("invoice-title")).ToHaveTextAsync("Invoice INV-0003");
        await Expect(staff.GetByTestId("invoice-status")).ToHaveTextAsync("Unpaid");
        var invoicePage = staff.Url;

        // The client, on a phone, has the invoice at the top of Pending action and the document still openable.
        var client = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await client.SignInAsync(DemoLogins.Client.Email);
        await Expect(client.GetByTestId("pending-action").First).ToContainTextAsync("INV-0003");
        var documentRow = client.GetByTestId("portal-document").Filter(new() { HasText = DocumentName });
        await Expect(documentRow).ToBeVisibleAsync();
        await Expect(documentRow.GetByTestId("document-locked")).ToHaveCountAsync(0);

        // Staff locks the document from the viewer's menu; the client's open portal shows the lock without a reload.
        await staff.GotoAsync($"/documents/{documentId}");
        await staff.GetByTestId("viewer-menu").ClickAsync();
        await staff.GetByTestId("menu-lock").ClickAsync();
        await Expect(staff.GetByTestId("lock-invoice")).ToContainTextAsync("INV-0003");
        await staff.SubmitDialogAsync("lock-submit");
        await Expect(staff.GetByTestId("viewer-locked-staff")).ToContainTextAsync("invoice INV-0003");
        await Expect(documentRow.GetByTestId("document-locked")).ToHaveTextAsync("Pay invoice INV-0003 to open this document");
        await Screenshots.TakeAsync(client, "portal-locked-document-phone");

        // The client cannot open it: the viewer shows the lock, no download, and the content endpoint refuses it.
        await documentRow.ClickAsync();
        await Expect(client.GetByTestId("viewer-locked")).ToContainTextAsync("Pay invoice INV-0003 to open this document");
        await Expect(client.GetByTestId("viewer-download")).ToHaveCountAsync(0);
        await Expect(client.Locator("iframe, embed, object")).ToHaveCountAsync(0);
        var refused = await client.APIRequest.GetAsync($"/documents/{documentId}/content");
        Assert.Equal(404, refused.Status);
        await client.GetByTestId("viewer-locked-invoice").ClickAsync();
        await Expect(client.GetByTestId("portal-invoice-title")).ToHaveTextAsync("Invoice INV-0003");
        await Expect(client.GetByTestId("portal-invoice-due")).ToContainTextAsync("GBP 1,320.00");
        await Expect(client.GetByTestId("portal-invoice-instructions")).ToContainTextAsync("sort code 00-00-00");
        await Expect(client.GetByTestId("portal-invoice-locked")).ToContainTextAsync(DocumentName);
        Assert.True(await client.FitsWidthAsync(), "The portal's invoice page is wider than a 375 px screen.");
        await Screenshots.TakeAsync(client, "portal-invoice-phone");
        await client.GotoAsync("/portal");

        // Staff records a part payment: the balance changes, the document stays locked.
        await staff.GotoAsync(invoicePage);
        await RecordPaymentAsync(staff, "1000");
        await Expect(staff.GetByTestId("invoice-status")).ToHaveTextAsync("Partially paid");
        await Expect(staff.GetByTestId("invoice-balance")).ToHaveTextAsync("GBP 320.00");
        await staff.GetByTestId("invoice-record-payment").ClickAsync();
        await staff.Field("payment-amount").FillAsync("400");
        await Expect(staff.GetByTestId("payment-submit")).ToBeDisabledAsync();
        await Expect(staff.Locator(".mud-dialog")).ToContainTextAsync("cannot be overpaid");
        await staff.ClickInDialogAsync("Cancel");
        await Expect(staff.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(documentRow.GetByTestId("document-locked")).ToBeVisibleAsync();

        // The final payment settles the invoice and unlocks the document in the client's open portal.
        await RecordPaymentAsync(staff, "320");
        await Expect(staff.GetByTestId("invoice-status")).ToHaveTextAsync("Paid");
        await Expect(documentRow.GetByTestId("document-locked")).ToHaveCountAsync(0);
        await Expect(client.GetByTestId("pending-action").Filter(new() { HasText = "INV-0003" })).ToHaveCountAsync(0);
        await documentRow.ClickAsync();
        await Expect(client.GetByTestId("viewer-download")).ToBeVisibleAsync();
        Assert.Equal(200, (await client.APIRequest.GetAsync($"/documents/{documentId}/content")).Status);
        await Screenshots.TakeAsync(staff, "invoice-page-paid");

        // The firm-wide list at 375 px.
        await staff.GotoAsync("/invoices?status=Paid");
        await staff.SetViewportSizeAsync(375, 812);
        await Expect(staff.GetByTestId("invoice-row").Filter(new() { HasText = "INV-0003" })).ToBeVisibleAsync();
        Assert.True(await staff.FitsWidthAsync(), "The invoices list is wider than a 375 px screen.");
    }

    private static async Task RecordPaymentAsync(IPage staff, string amount)
    {
        await staff.GetByTestId("invoice-record-payment").ClickAsync();
        await staff.Field("payment-amount").FillAsync(amount);
        await staff.Field("payment-method").FillAsync("Bank transfer");
        await staff.SubmitDialogAsync("payment-submit");
        await Expect(staff.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
