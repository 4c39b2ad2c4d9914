using ApprovalsPortal.Components.Shared;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// The approval actions as staff go through them, the same from the viewer, every row menu and the Approvals lists:
/// the dialog or confirmation, the service call and the message afterwards. One per circuit; a second click while
/// a dialog is open does nothing. Each method returns true when something changed.
/// </summary>
public sealed class ApprovalFlows(
    IDialogService dialogs,
    ISnackbar snackbar,
    ApprovalService approvals,
    AuthenticationStateProvider authentication,
    ILogger<ApprovalFlows> logger) : UserFlows(authentication)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false };

    /// <summary>Requests approval, or resends when a request is pending.</summary>
    public Task<bool> RequestOrResendAsync(int documentId, bool pending) => OnceAsync(async () =>
    {
        var mode = pending ? ApprovalDialogMode.Resend : ApprovalDialogMode.Request;
        if (!await ShowAsync(mode, documentId, pending ? "Resend approval request" : "Request approval")) return false;
        snackbar.Add(pending ? "Approval request resent." : "Approval requested.", Severity.Success);
        return true;
    });

    public Task<bool> EditRemindersAsync(int documentId) => OnceAsync(async () =>
    {
        if (!await ShowAsync(ApprovalDialogMode.Reminders, documentId, "Reminders")) return false;
        snackbar.Add("Reminders saved.", Severity.Success);
        return true;
    });

    public Task<bool> CancelAsync(int documentId, string documentName) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Cancel approval request",
                $"Cancel the approval request for \"{documentName}\"? The client's to-do is removed and no reminder is sent. You can request approval again later.",
                "Cancel request"))
            return false;
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => approvals.CancelAsync(actor, documentId), "Approval request cancelled.");
    });

    /// <summary>
    /// "Request approval for pending": one email per notified contact of each account, listing that account's pending
    /// documents, with a message staff can edit.
    /// </summary>
    public Task<bool> RequestForPendingAsync(IReadOnlyList<PendingDocument> pending) => OnceAsync(async () =>
    {
        var parameters = new DialogParameters<BulkResendDialog> { { d => d.Pending, pending } };
        var dialog = await dialogs.ShowAsync<BulkResendDialog>("Request approval for pending", parameters, Options);
        if (await dialog.Result is not { Canceled: false, Data: int count }) return false;
        snackbar.Add($"Approval requested again for {count} {(count == 1 ? "document" : "documents")}.", Severity.Success);
        return true;
    });

    /// <summary>Collects the settings for requesting approval of files about to be uploaded; null when cancelled.</summary>
    public async Task<ApprovalInput?> CollectAsync(int accountId)
    {
        var parameters = new DialogParameters<ApprovalRequestDialog>
        {
            { d => d.Mode, ApprovalDialogMode.Collect },
            { d => d.AccountId, accountId },
        };
        var dialog = await dialogs.ShowAsync<ApprovalRequestDialog>("Request approval", parameters, Options);
        return await dialog.Result is { Canceled: false, Data: ApprovalInput input } ? input : null;
    }

    private async Task<bool> ShowAsync(ApprovalDialogMode mode, int documentId, string title)
    {
        var parameters = new DialogParameters<ApprovalRequestDialog> { { d => d.Mode, mode }, { d => d.DocumentId, documentId } };
        var dialog = await dialogs.ShowAsync<ApprovalRequestDialog>(title, parameters, Options);
        return await dialog.Result is { Canceled: false };
    }
}

/// <summary>A document waiting for approval, as the "Request approval for pending" dialog lists it.</summary>
public sealed record PendingDocument(int DocumentId, string DocumentName, int AccountId, string AccountName);
