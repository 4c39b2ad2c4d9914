using ApprovalsPortal.Features.Accounts;

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
    /// <summary>The latest approval request, if any: lists show its status without searching the request history.</summary>
    public int? CurrentApprovalRequestId { get; set; }
    public Approvals.ApprovalRequest? CurrentApprovalRequest { get; set; }
    /// <summary>Deleted documents stay as rows so their audit trail survives.</summary>
    public DateTime? DeletedAt { get; set; }
}
