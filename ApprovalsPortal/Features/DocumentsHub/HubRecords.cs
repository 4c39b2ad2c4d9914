using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;

namespace ApprovalsPortal.Features.DocumentsHub;

/// <summary>A row of any Documents hub tab: the document and its latest approval request, if any.</summary>
public sealed record HubRow(
    int DocumentId,
    string Name,
    string ContentType,
    int AccountId,
    string AccountName,
    string UploadedByName,
    string Description,
    DateTime UploadedAt,
    DateTime LastActivityAt,
    FolderAccess FolderAccess,
    ApprovalStatus? Status,
    DateTime? RequestedAt,
    DateTime? DisapprovedAt,
    bool RemindersEnabled,
    int RemindersSent,
    int ReminderCount,
    DateTime? NextReminderAt,
    bool RemindersPaused,
    bool JobArchived,
    bool HasPortalContact,
    int? LockedByInvoiceId = null,
    string? LockedBy = null,
    Signatures.SignatureState? Signature = null);

/// <summary>A row of an account's document table: the document and where its latest approval request stands.</summary>
public sealed record DocumentRow(
    int Id,
    string Name,
    string Description,
    string ContentType,
    long SizeBytes,
    string UploadedByName,
    DateTime UploadedAt,
    int FolderId,
    string FolderName,
    FolderAccess FolderAccess,
    ApprovalStatus? ApprovalStatus,
    int? LockedByInvoiceId = null,
    string? LockedBy = null,
    Signatures.SignatureState? Signature = null);


