using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Documents;

public sealed class Document
{
    public int Id { get; set; }
    public int ClientAccountId { get; set; }
    public ClientAccount? ClientAccount { get; set; }
    public int FolderId { get; set; }
    public Folder? Folder { get; set; }
    /// <summary>The original file name, kept as metadata; the file on disk is named by its hash.</summary>
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedByUserId { get; set; } = "";
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    /// <summary>Upload, edit, request, resend or decision, whichever came last: "recent activity" sorts by it.</summary>
    public DateTime LastActivityAt { get; set; }
    /// <summary>
    /// The latest approval request, if any, set by Approvals: lists show its status with one join instead of
    /// searching the request history. Documents itself never reads it.
    /// </summary>
    public int? CurrentApprovalRequestId { get; set; }

    /// <summary>
    /// Locked until an invoice is paid ("Pending payment"): clients see that it exists but cannot open it. Set and
    /// cleared by Invoices, which names the invoice; documents only honour the lock.
    /// </summary>
    public int? LockedByInvoiceId { get; set; }
    /// <summary>Deleted documents stay as rows so their audit trail survives.</summary>
    public DateTime? DeletedAt { get; set; }
    /// <summary>The document's entries in the audit trail; adding here links a new entry when it is saved.</summary>
    public List<AuditEvent> AuditEvents { get; set; } = [];

    public void Record(PortalUser actor, AuditAction action, string details, DateTime at)
    {
        var entry = AuditEvent.Create(actor, ClientAccountId, action, details, at);
        AuditEvents.Add(entry);
    }
}
