using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using MudBlazor;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>
/// Signatures as a kind of action item: addressed to the signers asked now (the core emails, reminds and shows the
/// to-do to them only), In progress once someone has signed, Done when everyone has.
/// </summary>
public sealed class SignatureKind : IActionItemKind
{
    public string Key => SignatureRequest.Kind;

    public string Icon => Icons.Material.Filled.Draw;

    public string TodoCaption => "Signature requested";

    public string StatusText(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Pending => "Awaiting signatures",
        ActionItemStatus.InProgress => "Partly signed",
        ActionItemStatus.Done => "Signed",
        _ => "Cancelled",
    };

    public string PortalHref(ActionItemLink item) => $"/portal/signatures/{item.Id}";

    public string StaffHref(ActionItemLink item) => $"/signatures/{item.Id}";

    public ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title) => email switch
    {
        ActionItemEmailKind.Request => new($"Please sign: {title}", $"{firmName} asks you to sign this document:", "Read and sign"),
        ActionItemEmailKind.Resend => new($"Please sign: {title}", $"{firmName} asks you again to sign this document:", "Read and sign"),
        ActionItemEmailKind.Reopen => new($"Please sign: {title}", $"{firmName} asks you to sign this document:", "Read and sign"),
        ActionItemEmailKind.Copy => new($"Signed: {title}", $"Everyone has signed this document from {firmName}:", "Open the document"),
        _ => new($"Reminder: please sign {title}", $"A reminder from {firmName}: your signature is still needed on this document:", "Read and sign"),
    };

    public ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle) =>
        email == ActionItemEmailKind.Reminder
            ? new(count == 1 ? $"Reminder: please sign {firstTitle}" : $"Reminder: {count} documents to sign", $"A reminder from {firmName}: these documents still need your signature:", "Read and sign")
            : new(count == 1 ? $"Please sign: {firstTitle}" : $"Please sign {count} documents", $"{firmName} asks you to sign these documents:", "Read and sign");

    public string? AuditLabel(AuditAction action) => action switch
    {
        AuditAction.Requested => "Signatures requested",
        AuditAction.Resent => "Signature request resent",
        AuditAction.Cancelled => "Signature request cancelled",
        AuditAction.Completed => "Signed by all",
        _ => null,
    };

    /// <summary>Only while the signers can read the document: not deleted, shared with the client, not waiting for a payment.</summary>
    public Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db) =>
        i => db.Documents.Any(d => d.Id == i.DocumentId && d.Folder!.Access == FolderAccess.ClientCanView && d.LockedByInvoiceId == null);
}
