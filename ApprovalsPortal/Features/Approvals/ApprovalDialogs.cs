using ApprovalsPortal.Components.Shared;
using MudBlazor;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>Opens the approval dialogs the same way from the viewer, the row menus and the upload dialog.</summary>
public static class ApprovalDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false };

    /// <summary>Requests approval, or resends when a request is pending. True when something was sent.</summary>
    public static async Task<bool> RequestOrResendAsync(this IDialogService dialogs, int documentId, bool pending)
    {
        var parameters = new DialogParameters<ApprovalRequestDialog>
        {
            { d => d.Mode, pending ? ApprovalDialogMode.Resend : ApprovalDialogMode.Request },
            { d => d.DocumentId, documentId },
        };
        var dialog = await dialogs.ShowAsync<ApprovalRequestDialog>(pending ? "Resend approval request" : "Request approval", parameters, Options);
        return await dialog.Result is { Canceled: false };
    }

    public static async Task<bool> EditRemindersAsync(this IDialogService dialogs, int documentId)
    {
        var parameters = new DialogParameters<ApprovalRequestDialog>
        {
            { d => d.Mode, ApprovalDialogMode.Reminders },
            { d => d.DocumentId, documentId },
        };
        var dialog = await dialogs.ShowAsync<ApprovalRequestDialog>("Reminders", parameters, Options);
        return await dialog.Result is { Canceled: false };
    }

    /// <summary>Collects the settings for requesting approval of files about to be uploaded; null when cancelled.</summary>
    public static async Task<ApprovalInput?> CollectAsync(this IDialogService dialogs, int accountId)
    {
        var parameters = new DialogParameters<ApprovalRequestDialog>
        {
            { d => d.Mode, ApprovalDialogMode.Collect },
            { d => d.AccountId, accountId },
        };
        var dialog = await dialogs.ShowAsync<ApprovalRequestDialog>("Request approval", parameters, Options);
        return await dialog.Result is { Canceled: false, Data: ApprovalInput input } ? input : null;
    }

    public static Task<bool> ConfirmCancelAsync(this IDialogService dialogs, string documentName) =>
        dialogs.ConfirmAsync("Cancel approval request",
            $"Cancel the approval request for \"{documentName}\"? The client's to-do is removed and no reminder is sent. You can request approval again later.",
            "Cancel request");
}
