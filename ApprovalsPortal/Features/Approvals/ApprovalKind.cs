using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using MudBlazor;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// Approvals as a kind of action item: their words, links and reminder condition. An approval is never In progress:
/// the client decides in one step, so "pending approval" is the item's Pending status alone.
/// </summary>
public sealed class ApprovalKind : IActionItemKind
{
    public string Key => ApprovalRequest.Kind;

    public string Icon => Icons.Material.Filled.CheckCircle;

    public string TodoCaption => "Approval requested";

    public string StatusText(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Done => "Approved",
        ActionItemStatus.Declined => "Disapproved",
        ActionItemStatus.Cancelled => "Cancelled",
        _ => "Pending approval",
    };

    public string PortalHref(ActionItemLink item) => $"/portal/documents/{item.DocumentId}";

    public string StaffHref(ActionItemLink item) => $"/documents/{item.DocumentId}";

    public ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title) => email switch
    {
        ActionItemEmailKind.Request => new($"Please review and approve: {title}", $"{firmName} asks you to review and approve this document:", "Review documents"),
        ActionItemEmailKind.Resend => new($"Still waiting for your approval: {title}", $"{firmName} is still waiting for your approval of this document:", "Review documents"),
        _ => new($"Reminder: please review and approve {title}", $"A reminder: {firmName} is waiting for your approval of this document:", "Review documents"),
    };

    public ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle)
    {
        var these = count == 1 ? "this document" : $"these {count} documents";
        var subject = count == 1 ? $"Please review and approve: {firstTitle}" : $"Please review and approve {count} documents";
        return email switch
        {
            ActionItemEmailKind.Request => new(subject, $"{firmName} asks you to review and approve {these}:", "Review documents"),
            ActionItemEmailKind.Resend => new(subject, $"{firmName} is waiting for your approval of {these}:", "Review documents"),
            _ => new("Reminder: " + char.ToLowerInvariant(subject[0]) + subject[1..], $"A reminder: {firmName} is waiting for your approval of {these}:", "Review documents"),
        };
    }

    public string? AuditLabel(AuditAction action) => action switch
    {
        AuditAction.Requested => "Approval requested",
        AuditAction.Resent => "Approval request resent",
        AuditAction.Cancelled => "Approval request cancelled",
        AuditAction.Completed => "Approved",
        AuditAction.Declined => "Disapproved",
        _ => null,
    };

    /// <summary>Only while the client can open the document: not deleted, in a folder they can view, not waiting for an invoice's payment.</summary>
    public Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db) =>
        i => db.Documents.Any(d => d.Id == i.DocumentId && d.Folder!.Access == FolderAccess.ClientCanView && d.LockedByInvoiceId == null);
}
