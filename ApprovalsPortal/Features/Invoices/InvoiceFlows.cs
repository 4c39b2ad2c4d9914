using ApprovalsPortal.Components.Shared;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>
/// The invoice actions as staff go through them, the same from the invoice page, every list's row menu and the
/// documents' menus: the dialog or confirmation, the service call and the message afterwards. One per circuit;
/// each method returns true when something changed.
/// </summary>
public sealed class InvoiceFlows(
    IDialogService dialogs,
    ISnackbar snackbar,
    InvoiceService invoices,
    DocumentService documents,
    AuthenticationStateProvider authentication,
    ILogger<InvoiceFlows> logger) : UserFlows(authentication)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false };

    public Task<bool> DeleteDraftAsync(int invoiceId) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Delete draft", "Delete this draft invoice? It was never sent, so no number is lost.", "Delete draft")) return false;
        return await RunAsync(actor => invoices.DeleteDraftAsync(actor, invoiceId), "Draft deleted.");
    });

    /// <summary>"Email invoice": a resend with message and reminders while unpaid; a receipt once paid.</summary>
    public Task<bool> EmailAsync(int invoiceId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var invoice = await invoices.GetAsync(actor, invoiceId);
        if (invoice.Status == InvoiceStatus.Paid)
        {
            if (!await dialogs.ConfirmAsync("Email receipt", $"Email invoice {invoice.Number}, paid in full, to the account's contacts with Notify on, for their records?", "Email receipt"))
                return false;
            return await RunAsync(a => invoices.EmailAsync(a, invoiceId, new ResendInput("", ReminderSettings.Off)), "Receipt emailed.");
        }
        if (invoice.Item is null) return false;
        var parameters = new DialogParameters<ItemResendDialog>
        {
            { d => d.Item, invoice.Item },
            { d => d.Submit, input => invoices.EmailAsync(actor, invoiceId, input) },
        };
        var dialog = await dialogs.ShowAsync<ItemResendDialog>($"Email invoice {invoice.Number}", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Invoice emailed again.", Severity.Success);
        return true;
    });

    public Task<bool> ChangeRemindersAsync(int invoiceId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var invoice = await invoices.GetAsync(actor, invoiceId);
        if (invoice.Item is null) return false;
        var parameters = new DialogParameters<ItemResendDialog>
        {
            { d => d.Item, invoice.Item },
            { d => d.RemindersOnly, true },
            { d => d.Submit, input => invoices.ChangeRemindersAsync(actor, invoiceId, input.Reminders) },
        };
        var dialog = await dialogs.ShowAsync<ItemResendDialog>("Reminders", parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Reminders saved.", Severity.Success);
        return true;
    });

    public Task<bool> RecordPaymentAsync(int invoiceId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var invoice = await invoices.GetAsync(actor, invoiceId);
        var parameters = new DialogParameters<RecordPaymentDialog> { { d => d.Invoice, invoice }, { d => d.Today, invoices.Today } };
        var dialog = await dialogs.ShowAsync<RecordPaymentDialog>($"Record payment on {invoice.Number}", parameters, Options);
        if (await dialog.Result is not { Canceled: false, Data: bool settled }) return false;
        snackbar.Add(settled ? $"Invoice {invoice.Number} is paid in full." : "Payment recorded.", Severity.Success);
        return true;
    });

    public Task<bool> VoidAsync(int invoiceId) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Void invoice",
                "Void this invoice? The client's to-do goes, no reminder follows, documents waiting for it unlock, and its number stays used. This cannot be undone.",
                "Void invoice"))
            return false;
        return await RunAsync(actor => invoices.VoidAsync(actor, invoiceId), "Invoice voided.");
    });

    /// <summary>Locks a document until an unpaid invoice of its account is paid, or changes which invoice it waits for.</summary>
    public Task<bool> LockDocumentAsync(int documentId, int accountId, string documentName, int? current) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var options = await invoices.ListLockOptionsAsync(actor, accountId);
        var parameters = new DialogParameters<LockDocumentDialog>
        {
            { d => d.DocumentName, documentName }, { d => d.Options, options }, { d => d.Current, current }, { d => d.AccountId, accountId },
        };
        var dialog = await dialogs.ShowAsync<LockDocumentDialog>("Lock until paid", parameters, Options);
        if (await dialog.Result is not { Canceled: false, Data: int invoiceId }) return false;
        return await RunAsync(a => documents.LockAsync(a, documentId, invoiceId), "Locked: the client sees the document only after payment.");
    });

    public Task<bool> UnlockDocumentAsync(int documentId, string documentName) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Unlock document", $"Unlock \"{documentName}\" now? The client can open it at once, paid or not.", "Unlock")) return false;
        return await RunAsync(actor => documents.LockAsync(actor, documentId, null), "Unlocked.");
    });

    private async Task<bool> RunAsync(Func<Identity.PortalUser, Task> action, string message)
    {
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => action(actor), message);
    }
}
