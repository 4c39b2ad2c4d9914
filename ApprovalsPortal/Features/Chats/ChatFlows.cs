using ApprovalsPortal.Components.Shared;
using ApprovalsPortal.Features.ActionItems;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ApprovalsPortal.Features.Chats;

/// <summary>The thread actions as staff go through them, from the thread page and every list's row menu; each returns true when something changed.</summary>
public sealed class ChatFlows(
    IDialogService dialogs,
    ISnackbar snackbar,
    ChatService chats,
    AuthenticationStateProvider authentication,
    ILogger<ChatFlows> logger) : UserFlows(authentication)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false };

    public Task<bool> ResendAsync(int threadId, ActionItemSummary item) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var parameters = new DialogParameters<ItemResendDialog>
        {
            { d => d.Item, item }, { d => d.MessageEditable, false }, { d => d.Submit, input => chats.ResendAsync(actor, threadId, input.Reminders) },
        };
        var dialog = await dialogs.ShowAsync<ItemResendDialog>("Resend the last message", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Message emailed again.", Severity.Success);
        return true;
    });

    public Task<bool> ChangeRemindersAsync(int threadId, ActionItemSummary item) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var parameters = new DialogParameters<ItemResendDialog>
        {
            { d => d.Item, item }, { d => d.RemindersOnly, true }, { d => d.Submit, input => chats.ChangeRemindersAsync(actor, threadId, input.Reminders) },
        };
        var dialog = await dialogs.ShowAsync<ItemResendDialog>("Reminders for the last message", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Reminders saved.", Severity.Success);
        return true;
    });

    public Task<bool> ArchiveAsync(int threadId, string subject) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Archive conversation", $"Archive \"{subject}\"? Its to-do and reminders end; the client can read it but not reply. You can reopen it.", "Archive"))
            return false;
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => chats.ArchiveAsync(actor, threadId), "Conversation archived.");
    });

    public Task<bool> ReopenAsync(int threadId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => chats.ReopenAsync(actor, threadId), "Conversation reopened.");
    });
}
