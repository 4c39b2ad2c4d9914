using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApprovalsPortal.Tests.Components;

public sealed class ApprovalRequestDialogTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private int documentId;

    /// <summary>Not the built-in defaults (3 and 1), so the test shows the dialog reads the settings.</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Approvals:ReminderIntervalDays"] = "7",
        ["Portal:Approvals:ReminderCount"] = "2",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        var account = await Portal.CreateAccountAsync(staff, "Dialog Ltd");
        await Portal.AddPortalContactAsync(staff, account.AccountId, "notified@dialog.test", "Nora Notified");
        await Portal.AddPortalContactAsync(staff, account.AccountId, "quiet@dialog.test", "Quinn Quiet", notify: false);
        documentId = await Portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());
        SignInAs(staff, Roles.Staff);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> OpenAsync(ApprovalDialogMode mode)
    {
        var provider = RenderProviders();
        var parameters = new DialogParameters<ApprovalRequestDialog> { { d => d.Mode, mode }, { d => d.DocumentId, documentId } };
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<ApprovalRequestDialog>("Request approval", parameters));
        provider.WaitForElement("[data-testid=approval-submit]");
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=approval-recipients]")));
        return (provider, reference!.Result);
    }

    private static string FieldValue(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"input[data-testid={testId}], [data-testid={testId}] input").GetAttribute("value") ?? "";

    [Fact]
    public async Task It_starts_with_the_configured_defaults_and_lists_only_notified_portal_contacts()
    {
        var (dialog, _) = await OpenAsync(ApprovalDialogMode.Request);

        Assert.Equal("Request approval", dialog.Find("[data-testid=approval-dialog-title]").TextContent);
        Assert.Equal("Nora Notified <notified@dialog.test>", dialog.Find("[data-testid=approval-recipients]").TextContent.Trim());
        Assert.Equal("7", FieldValue(dialog, "approval-interval"));
        Assert.Equal("2", FieldValue(dialog, "approval-count"));
    }

    [Fact]
    public async Task Out_of_range_reminders_show_field_messages_and_nothing_is_saved()
    {
        var (dialog, _) = await OpenAsync(ApprovalDialogMode.Request);
        dialog.Find("input[data-testid=approval-interval], [data-testid=approval-interval] input").Input("0");
        dialog.Find("input[data-testid=approval-count], [data-testid=approval-count] input").Input("21");
        dialog.Find("[data-testid=approval-submit]").Click();

        // The messages sit under their fields, and the form never reached the service.
        dialog.WaitForAssertion(() => Assert.Equal(
            ["Days until next reminder must be between 1 and 365.", "Number of reminders must be between 1 and 20."],
            dialog.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim())));
        Assert.Empty(dialog.FindAll("[data-testid=approval-error]"));
        await using var db = Portal.NewDb();
        Assert.False(await db.ApprovalRequests.AnyAsync());
    }

    [Fact]
    public async Task Submitting_sends_the_request_with_the_message()
    {
        var (dialog, result) = await OpenAsync(ApprovalDialogMode.Request);
        dialog.Find("textarea[data-testid=approval-message], [data-testid=approval-message] textarea").Change("Please check page 2.");
        dialog.Find("[data-testid=approval-submit]").Click();

        var outcome = await result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(outcome!.Canceled);
        await using var db = Portal.NewDb();
        var request = await db.ApprovalRequests.Include(r => r.Item).SingleAsync();
        Assert.Equal(("Please check page 2.", ApprovalStatus.Pending, 7, 2), (request.Item.Message, request.Status, request.Item.ReminderIntervalDays, request.Item.ReminderCount));
    }

    [Fact]
    public async Task Resend_mode_shows_the_pending_request_and_sends_it_again()
    {
        await Portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("First ask", true, 5, 2));
        var (dialog, result) = await OpenAsync(ApprovalDialogMode.Resend);

        Assert.Equal("Resend approval request", dialog.Find("[data-testid=approval-dialog-title]").TextContent);
        Assert.Equal("Resend approval request", dialog.Find("[data-testid=approval-submit]").TextContent.Trim());
        Assert.Contains("by Sam Staff", dialog.Find("[data-testid=approval-history]").TextContent);
        Assert.Equal("5", FieldValue(dialog, "approval-interval"));
        Assert.Equal("2", FieldValue(dialog, "approval-count"));
        Assert.Equal("First ask", dialog.Find("textarea[data-testid=approval-message], [data-testid=approval-message] textarea").GetAttribute("value"));

        dialog.Find("[data-testid=approval-submit]").Click();
        await result.WaitAsync(TimeSpan.FromSeconds(30));
        await using var db = Portal.NewDb();
        Assert.Equal(1, (await db.ActionItems.SingleAsync()).ResendCount);
    }
}
