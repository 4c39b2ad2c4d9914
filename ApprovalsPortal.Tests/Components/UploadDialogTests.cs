using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.DocumentsHub;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApprovalsPortal.Tests.Components;

public sealed class UploadDialogTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await Portal.CreateAccountAsync(staff, "Upload Ltd");
        SignInAs(staff, Roles.Staff);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = RenderProviders();
        var folders = await Portal.Get<DocumentService>().ListFoldersAsync(staff, account.AccountId);
        var parameters = new DialogParameters<UploadDialog>
        {
            { d => d.AccountId, account.AccountId },
            { d => d.Folders, folders },
            { d => d.FolderId, account.SharedFolderId },
            { d => d.PortalContactCount, (await Portal.Get<AccountService>().GetAsync(staff, account.AccountId)).PortalContactCount },
        };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<UploadDialog>("Upload documents", parameters));
        return provider;
    }

    [Fact]
    public async Task A_rejected_file_is_named_with_its_reason_and_the_other_files_still_upload()
    {
        var dialog = await OpenAsync();
        dialog.FindComponents<InputFile>()[^1].UploadFiles(
            InputFileContent.CreateFromText("Quarterly figures\n", "figures.txt"),
            InputFileContent.CreateFromBinary([0x4D, 0x5A, 0x90, 0x00], "setup.exe"),
            InputFileContent.CreateFromBinary(SampleFiles.Png(), "chart.png"));
        dialog.WaitForAssertion(() => Assert.Equal(3, dialog.FindAll("[data-testid=upload-item]").Count));

        dialog.Find("[data-testid=upload-submit]").Click();

        dialog.WaitForAssertion(() =>
            Assert.Equal("2 uploaded, 1 not uploaded: see the reasons above.", dialog.Find("[data-testid=upload-summary]").TextContent.Trim()),
            TimeSpan.FromSeconds(30));
        var error = Assert.Single(dialog.FindAll("[data-testid=upload-error]"));
        Assert.Equal("setup.exe: .exe files are not allowed. Allowed: PDF, images, text/CSV and Office documents.", error.TextContent.Trim());

        await using var db = Portal.NewDb();
        Assert.Equal(["chart.png", "figures.txt"], await db.Documents.OrderBy(d => d.Name).Select(d => d.Name).ToListAsync());
    }

    [Fact]
    public async Task The_request_client_approval_toggle_sends_every_uploaded_file_for_approval()
    {
        await Portal.AddPortalContactAsync(staff, account.AccountId, "client@upload.test");
        var dialog = await OpenAsync();
        dialog.Find("input[data-testid=upload-request-approval], [data-testid=upload-request-approval] input").Change(true);

        // The same checkmark dialog collects the settings.
        dialog.WaitForAssertion(() => Assert.Equal("Request approval", dialog.Find("[data-testid=approval-dialog-title]").TextContent));
        dialog.Find("textarea[data-testid=approval-message], [data-testid=approval-message] textarea").Change("Both for your OK");
        dialog.Find("[data-testid=approval-submit]").Click();
        dialog.WaitForAssertion(() => Assert.Contains("Every uploaded file is sent for approval: 1 reminder, every 3 days, with your message.",
            dialog.Find("[data-testid=upload-approval-summary]").TextContent));

        dialog.FindComponents<InputFile>()[^1].UploadFiles(
            InputFileContent.CreateFromText("a", "a.txt"),
            InputFileContent.CreateFromText("b", "b.txt"));
        dialog.Find("[data-testid=upload-submit]").Click();
        dialog.WaitForAssertion(() => Assert.Equal("2 files uploaded.", dialog.Find("[data-testid=upload-summary]").TextContent.Trim()), TimeSpan.FromSeconds(30));

        await using var db = Portal.NewDb();
        var requests = await db.ApprovalRequests.Select(r => new { r.Document!.Name, r.Item.Status, r.Item.Message }).OrderBy(r => r.Name).ToListAsync();
        Assert.Equal(["a.txt", "b.txt"], requests.Select(r => r.Name));
        Assert.All(requests, r => Assert.Equal((ApprovalsPortal.Features.ActionItems.ActionItemStatus.Pending, "Both for your OK"), (r.Status, r.Message)));
        // One transaction, one email per notified contact listing both documents.
        var mail = Assert.Single(await db.OutboxMessages.Where(m => m.ToAddress == "client@upload.test" && m.Subject != null && m.Subject.Contains("approve")).ToListAsync());
        Assert.Equal("Please review and approve 2 documents", mail.Subject);
        Assert.Contains("a.txt", mail.TextBody);
        Assert.Contains("b.txt", mail.TextBody);
    }

    [Fact]
    public async Task Uploads_can_ask_signatures_on_their_pdfs_and_offer_to_wait_for_an_unpaid_invoice()
    {
        await Portal.AddPortalContactAsync(staff, account.AccountId, "client@upload.test", "Cleo Client");
        var invoices = Portal.Get<ApprovalsPortal.Features.Invoices.InvoiceService>();
        var draft = await invoices.CreateDraftAsync(staff, new ApprovalsPortal.Features.Invoices.InvoiceInput(account.AccountId, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1),
            [new("Accounts", 1m, 100m, 0m)], ""));
        await invoices.SendAsync(staff, draft, new ApprovalsPortal.Features.Invoices.InvoiceSending("", ApprovalsPortal.Features.ActionItems.ReminderSettings.Off));
        var dialog = await OpenAsync();

        dialog.Find("input[data-testid=upload-request-signatures], [data-testid=upload-request-signatures] input").Change(true);
        dialog.WaitForAssertion(() => Assert.Single(dialog.FindAll("[data-testid=signature-signer]")));
        dialog.Find("[data-testid=signature-submit]").Click();
        dialog.WaitForAssertion(() => Assert.Contains("Every uploaded PDF is sent for signature to Cleo Client.", dialog.Find("[data-testid=upload-signatures-summary]").TextContent));
        // The account has an unpaid invoice, so the upload offers to lock its files to it (locking itself is tested with the services).
        Assert.Single(dialog.FindAll("[data-testid=upload-lock]"));

        dialog.FindComponents<InputFile>()[^1].UploadFiles(
            InputFileContent.CreateFromBinary(SampleFiles.Pdf("Letter"), "letter.pdf", contentType: "application/pdf"),
            InputFileContent.CreateFromText("a", "notes.txt"));
        dialog.Find("[data-testid=upload-submit]").Click();
        dialog.WaitForAssertion(() => Assert.Equal("2 files uploaded.", dialog.Find("[data-testid=upload-summary]").TextContent.Trim()), TimeSpan.FromSeconds(30));

        await using var db = Portal.NewDb();
        var signed = Assert.Single(await db.SignatureRequests.Select(r => db.Documents.Where(d => d.Id == r.DocumentId).Select(d => d.Name).First()).ToListAsync());
        Assert.Equal("letter.pdf", signed);
    }

    [Fact]
    public async Task The_description_applies_to_every_file_and_nothing_uploads_before_the_button()
    {
        var dialog = await OpenAsync();
        dialog.Find("[data-testid=upload-description]").Change("Year-end pack");
        dialog.FindComponents<InputFile>()[^1].UploadFiles(
            InputFileContent.CreateFromText("a", "a.txt"),
            InputFileContent.CreateFromText("b", "b.txt"));
        await using (var before = Portal.NewDb()) Assert.False(await before.Documents.AnyAsync());

        dialog.Find("[data-testid=upload-submit]").Click();
        dialog.WaitForAssertion(() => Assert.Equal("2 files uploaded.", dialog.Find("[data-testid=upload-summary]").TextContent.Trim()), TimeSpan.FromSeconds(30));

        await using var db = Portal.NewDb();
        Assert.Equal(["Year-end pack", "Year-end pack"], await db.Documents.Select(d => d.Description).ToListAsync());
    }
}
