using ApprovalsPortal.Components.Shared;
using ApprovalsPortal.Features.Accounts;
using MudBlazor;

namespace ApprovalsPortal.Features.Documents;

/// <summary>The questions asked before renaming, moving or deleting a document, the same from every screen.</summary>
public static class DocumentDialogs
{
    /// <summary>The new name, or null when cancelled or unchanged.</summary>
    public static async Task<string?> AskNewNameAsync(this IDialogService dialogs, string currentName)
    {
        var name = await dialogs.PromptAsync("Rename document", "File name", currentName, maxLength: 255);
        return name is null || name == currentName ? null : name;
    }

    /// <summary>The chosen folder of the same account, or null when cancelled.</summary>
    public static async Task<int?> AskTargetFolderAsync(this IDialogService dialogs, IReadOnlyList<FolderRow> folders, int currentFolderId, string documentName)
    {
        var parameters = new DialogParameters<MoveDocumentDialog>
        {
            { d => d.Folders, folders },
            { d => d.CurrentFolderId, currentFolderId },
            { d => d.DocumentName, documentName },
        };
        var dialog = await dialogs.ShowAsync<MoveDocumentDialog>("Move document", parameters, DialogExtensions.Small);
        return await dialog.Result is { Canceled: false, Data: int folderId } ? folderId : null;
    }

    public static Task<bool> ConfirmDeleteAsync(this IDialogService dialogs, string documentName) =>
        dialogs.ConfirmAsync("Delete document", $"Delete \"{documentName}\"? The client will no longer see it. Its audit trail is kept.", "Delete");
}
