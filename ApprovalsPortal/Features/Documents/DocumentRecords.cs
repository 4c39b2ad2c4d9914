using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;

namespace ApprovalsPortal.Features.Documents;

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
    ApprovalStatus? ApprovalStatus);

public sealed record DocumentDetails(
    int Id,
    string Name,
    string Description,
    string ContentType,
    long SizeBytes,
    string Sha256,
    string UploadedByName,
    DateTime UploadedAt,
    int ClientAccountId,
    string ClientAccountName,
    int FolderId,
    string FolderName,
    FolderAccess FolderAccess,
    ApprovalStatus? ApprovalStatus)
{
    public FileFamily? Family => FileKinds.FamilyOf(ContentType);
}

public sealed record UploadRequest(int AccountId, int FolderId, string FileName, long Size, string Description);

public sealed record UploadOutcome(string FileName, int? DocumentId, string? Error)
{
    public bool Succeeded => DocumentId is not null;
}

/// <summary>What the content endpoint needs to stream a file the caller may see.</summary>
public sealed record DocumentFile(string Name, string ContentType, string PhysicalPath);

public sealed record PortalDocumentRow(int Id, string Name, string Description, string ContentType, long SizeBytes, DateTime UploadedAt, string AccountName, string FolderName, ApprovalStatus? ApprovalStatus);
