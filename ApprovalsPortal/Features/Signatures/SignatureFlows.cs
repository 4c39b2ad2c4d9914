using ApprovalsPortal.Components.Shared;
using ApprovalsPortal.Features.ActionItems;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>
/// The signature actions as staff go through them, the same from the viewer, every row menu and the signature page:
/// the dialog or confirmation, the service call and the message afterwards. Each returns true when something changed.
/// </summary>
public sealed class SignatureFlows(
    IDialogService dialogs,
    ISnackbar snackbar,
    SignatureService signatures,
    AuthenticationStateProvider authentication,
    ILogger<SignatureFlows> logger) : UserFlows(authentication)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false };

    public Task<bool> RequestAsync(int documentId) => OnceAsync(async () =>
    {
        var parameters = new DialogParameters<SignatureRequestDialog> { { d => d.DocumentId, documentId } };
        var dialog = await dialogs.ShowAsync<SignatureRequestDialog>("Request signatures", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Signatures requested.", Severity.Success);
        return true;
    });

    /// <summary>The choices for an upload's PDFs (signers of the account, order, message, reminders); null when cancelled.</summary>
    public async Task<SignatureInput?> CollectAsync(SignatureRequestContext context)
    {
        var parameters = new DialogParameters<SignatureRequestDialog> { { d => d.Collect, true }, { d => d.Preloaded, context } };
        var dialog = await dialogs.ShowAsync<SignatureRequestDialog>("Request signatures on the uploaded PDFs", parameters, Options);
        return await dialog.Result is { Canceled: false, Data: SignatureInput input } ? input : null;
    }

    public Task<bool> ResendAsync(int requestId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var details = await signatures.GetAsync(actor, requestId);
        var parameters = new DialogParameters<ItemResendDialog>
        {
            { d => d.Item, details.Item },
            { d => d.Submit, input => signatures.ResendAsync(actor, requestId, input) },
        };
        var dialog = await dialogs.ShowAsync<ItemResendDialog>("Resend signature request", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Signature request resent to those who have not signed.", Severity.Success);
        return true;
    });

    public Task<bool> ChangeRemindersAsync(int requestId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var details = await signatures.GetAsync(actor, requestId);
        var parameters = new DialogParameters<ItemResendDialog>
        {
            { d => d.Item, details.Item },
            { d => d.RemindersOnly, true },
            { d => d.Submit, input => signatures.ChangeRemindersAsync(actor, requestId, input.Reminders) },
        };
        var dialog = await dialogs.ShowAsync<ItemResendDialog>("Reminders", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Reminders saved.", Severity.Success);
        return true;
    });

    public Task<bool> CancelAsync(int requestId, string documentName) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Cancel signature request",
                $"Cancel the signature request on \"{documentName}\"? The signers' to-dos go and no reminder follows. Signatures given so far stay recorded; no signed copy is made.",
                "Cancel request"))
            return false;
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => signatures.CancelAsync(actor, requestId), "Signature request cancelled.");
    });
}
