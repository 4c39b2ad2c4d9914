using MudBlazor;

namespace ApprovalsPortal.Features.Accounts;

public static class ContactDialogs
{
    /// <summary>
    /// Warns that the account's last portal access is ending while requests wait for its contacts. True: cancel them;
    /// false: keep them waiting (a new contact with access can still answer them); null: go back.
    /// </summary>
    public static Task<bool?> AskAboutStrandedAsync(this IDialogService dialogs, string contactName, IReadOnlyList<string> stranded, string ending) =>
        dialogs.ShowMessageBoxAsync(
            "Nobody at the client could act",
            $"{contactName} is the account's last contact who can sign in. With their portal access {ending}: " + string.Join(" ", stranded) +
            " Cancel them now, or keep them waiting for a contact who gets access later?",
            yesText: "Cancel them", noText: "Keep them waiting", cancelText: "Go back");
}
