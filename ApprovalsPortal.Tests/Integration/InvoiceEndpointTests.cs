using System.Net;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// "Pending payment" and invoice PDFs over HTTP, as a browser asks, with the demo data: the Carter trust's tax
/// return waits for an unpaid invoice.
/// </summary>
public sealed class InvoiceEndpointTests : IDisposable
{
    private const string Carter = "james@carter.test";
    private readonly PortalAppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateHttpClient();
        var response = await client.PostSignInAsync(email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<(int DocumentId, int InvoiceId, decimal Balance)> LockedReturnAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var document = await db.Documents.SingleAsync(d => d.Name == "Trust tax return 2025-26.pdf");
        var invoice = await db.Invoices.SingleAsync(i => i.Id == document.LockedByInvoiceId);
        return (document.Id, invoice.Id, invoice.Total - invoice.Paid);
    }

    [Fact]
    public async Task The_content_endpoint_refuses_a_locked_document_to_the_client_until_the_final_payment()
    {
        var (documentId, invoiceId, balance) = await LockedReturnAsync();
        var client = await SignedInAsync(Carter);
        var staff = await SignedInAsync(DemoLogins.Staff.Email);
        var url = $"/documents/{documentId}/content";

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url + "?download=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);

        using var scope = app.Services.CreateScope();
        var invoices = scope.ServiceProvider.GetRequiredService<InvoiceService>();
        var staffUser = new PortalUser(await StaffIdAsync(), DemoLogins.Staff.Name, false, true, false);
        await invoices.RecordPaymentAsync(staffUser, invoiceId, new PaymentInput(balance - 1m, invoices.Today, "Bank transfer", ""));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        await invoices.RecordPaymentAsync(staffUser, invoiceId, new PaymentInput(1m, invoices.Today, "Bank transfer", ""));

        var opened = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.StartsWith("%PDF-", await opened.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invoice_pdf_goes_to_staff_and_the_accounts_clients_and_to_nobody_else()
    {
        var (_, invoiceId, _) = await LockedReturnAsync();
        var url = InvoiceEndpoints.PdfUrl(invoiceId);

        var anonymous = await app.CreateHttpClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery);

        var own = await (await SignedInAsync(Carter)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync(DemoLogins.Staff.Email)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(DemoLogins.Client.Email)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(Carter)).GetAsync(InvoiceEndpoints.PdfUrl(999999))).StatusCode);
    }

    private async Task<string> StaffIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
    }
}
