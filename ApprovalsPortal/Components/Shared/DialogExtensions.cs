using MudBlazor;

namespace ApprovalsPortal.Components.Shared;

public static class DialogExtensions
{
    public static readonly DialogOptions Small = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };
    public static readonly DialogOptions Medium = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };

    /// <summary>Asks for one line of text; null when the user cancels.</summary>
    public static async Task<string?> PromptAsync(this IDialogService dialogs, string title, string label, string value = "", string submitText = "Save", int maxLength = 200)
    {
        var parameters = new DialogParameters<TextPromptDialog>
        {
            { d => d.Label, label },
            { d => d.Value, value },
            { d => d.SubmitText, submitText },
            { d => d.MaxLength, maxLength },
        };
        var dialog = await dialogs.ShowAsync<TextPromptDialog>(title, parameters, Small);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string text } ? text : null;
    }

    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string yesText)
        => await dialogs.ShowMessageBoxAsync(title, message, yesText: yesText, cancelText: "Cancel") == true;
}
