using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Features.Signatures;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApprovalsPortal.Tests.Components;

/// <summary>The payment dialog and the signing panel, rendered with MudBlazor over the real services and a real SQLite file.</summary>
public sealed class InvoiceAndSigningComponentTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await Portal.CreateAccountAsync(staff, "Component Ltd");
        client = await Portal.AddPortalContactAsync(staff, account.AccountId, "cleo@component.test", "Cleo Client");
    }

    private async Task<int> SentInvoiceAsync()
    {
        var invoices = Portal.Get<InvoiceService>();
        var id = await invoices.CreateDraftAsync(staff, new InvoiceInput(account.AccountId, null, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31),
            [new("Accounts", 1m, 500m, 20m)], ""));
        await invoices.SendAsync(staff, id, new InvoiceSending("", ReminderSettings.Off));
        return id;
    }

    [Fact]
    public async Task The_payment_dialog_starts_at_the_balance_refuses_overpaying_in_place_and_records_a_part_payment()
    {
        SignInAs(staff, Roles.Staff);
        var id = await SentInvoiceAsync();
        var invoice = await Portal.Get<InvoiceService>().GetAsync(staff, id);
        var provider = RenderProviders();
        IDialogReference? reference = null;
        var parameters = new DialogParameters<RecordPaymentDialog> { { d => d.Invoice, invoice }, { d => d.Today, new DateOnly(2026, 3, 10) } };
        await provider.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<RecordPaymentDialog>("Record payment", parameters));
        provider.WaitForElement("[data-testid=payment-submit]");
        Assert.Contains("Balance due: GBP 600.00", provider.Find("[data-testid=payment-balance]").TextContent);
        Assert.Equal("600.00", provider.Find("input[data-testid=payment-amount], [data-testid=payment-amount] input").GetAttribute("value"));

        provider.Find("input[data-testid=payment-amount], [data-testid=payment-amount] input").Input("600.01");
        provider.WaitForAssertion(() => Assert.Contains("an invoice cannot be overpaid", provider.Markup));
        Assert.True(provider.Find("[data-testid=payment-submit]").HasAttribute("disabled"));

        provider.Find("input[data-testid=payment-amount], [data-testid=payment-amount] input").Input("100");
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=payment-submit]").HasAttribute("disabled")));
        provider.Find("[data-testid=payment-submit]").Click();
        var result = await reference!.Result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(false, result!.Data);
        var after = await Portal.Get<InvoiceService>().GetAsync(staff, id);
        Assert.Equal((InvoiceStatus.PartiallyPaid, 500m), (after.Status, after.Balance));
    }

    [Fact]
    public async Task The_signing_panel_names_what_is_missing_and_signs_with_a_typed_name()
    {
        var documentId = await Portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Letter.pdf", SampleFiles.Pdf("Letter"));
        await using (var db = Portal.NewDb())
        {
            var contact = await db.Contacts.Where(c => c.Email == "cleo@component.test").Select(c => c.Id).SingleAsync();
            var requestId = await Portal.Get<SignatureService>().RequestAsync(staff, documentId, new SignatureInput([contact], false, "Please sign", ReminderSettings.Off));
            SignInAs(client, Roles.Client);
            var provider = RenderProviders();
            var panel = Render<SigningPanel>(p => p.Add(x => x.Viewer, client).Add(x => x.RequestId, requestId));
            panel.WaitForElement("[data-testid=signing-submit]");
            Assert.Equal("Cleo Client", panel.Find("input[data-testid=signing-name], [data-testid=signing-name] input").GetAttribute("value"));

            panel.Find("[data-testid=signing-submit]").Click();
            panel.WaitForAssertion(() => Assert.Equal("Tick the box to agree to sign electronically.", panel.Find("[data-testid=signing-error]").TextContent.Trim()));

            panel.Find("input[data-testid=signing-consent], [data-testid=signing-consent] input").Change(true);
            panel.Find("[data-testid=signing-submit]").Click();
            provider.WaitForAssertion(() => provider.Find(".mud-dialog"));
            provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Sign").Click();

            panel.WaitForAssertion(() => Assert.Contains("Everyone has signed.", panel.Find("[data-testid=signing-complete]").TextContent), TimeSpan.FromSeconds(30));
            Assert.Equal(SignatureStatus.SignedByAll, (await Portal.Get<SignatureService>().GetAsync(staff, requestId)).Status);
        }
    }
}
