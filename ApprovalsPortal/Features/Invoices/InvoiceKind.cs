using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using MudBlazor;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>
/// Invoices as a kind of action item: the item waits while the invoice is unpaid or partly paid (so reminders go on
/// after a partial payment), is Done when paid in full, and Cancelled when voided. Its links name the item, and the
/// invoice pages find the invoice from it.
/// </summary>
public sealed class InvoiceKind : IActionItemKind
{
    public string Key => Invoice.Kind;

    public string Icon => Icons.Material.Filled.ReceiptLong;

    public string TodoCaption => "Invoice to pay";

    public string StatusText(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Done => "Paid",
        ActionItemStatus.Cancelled => "Void",
        ActionItemStatus.Declined => "Declined",
        _ => "Unpaid",
    };

    public string PortalHref(ActionItemLink item) => $"/portal/invoices/item/{item.Id}";

    public string StaffHref(ActionItemLink item) => $"/invoices/item/{item.Id}";

    public ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title) => email switch
    {
        ActionItemEmailKind.Request => new($"Invoice {title}", $"{firmName} has sent you an invoice:", "View the invoice"),
        ActionItemEmailKind.Resend => new($"Invoice {title} (copy)", $"{firmName} sends you this invoice again:", "View the invoice"),
        ActionItemEmailKind.Reopen => new($"Invoice {title}", $"{firmName} asks you to look at this invoice again:", "View the invoice"),
        ActionItemEmailKind.Copy => new($"Receipt: invoice {title} is paid", $"Thank you: {firmName} has received payment in full of this invoice. Keep this email for your records:", "View the invoice"),
        _ => new($"Reminder: invoice {title} is waiting for payment", $"A reminder: this invoice from {firmName} is not paid yet:", "View the invoice"),
    };

    public ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle) =>
        email == ActionItemEmailKind.Reminder
            ? new(count == 1 ? $"Reminder: invoice {firstTitle} is waiting for payment" : $"Reminder: {count} invoices are waiting for payment", $"A reminder from {firmName}: these invoices are not paid yet:", "View the invoices")
            : new(count == 1 ? $"Invoice {firstTitle}" : $"{count} invoices", $"{firmName} has sent you these invoices:", "View the invoices");

    public string? AuditLabel(AuditAction action) => action switch
    {
        AuditAction.Requested => "Invoice sent",
        AuditAction.Resent => "Invoice emailed again",
        AuditAction.Cancelled => "Invoice voided",
        AuditAction.Completed => "Paid in full",
        _ => null,
    };

    /// <summary>An invoice ends only by payment or by voiding; a job moving on leaves it owed.</summary>
    public bool CancelledWhenJobMovesOn => false;

    /// <summary>The item waits exactly while the invoice is outstanding, so nothing of the kind's own is needed.</summary>
    public Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db) => _ => true;
}
