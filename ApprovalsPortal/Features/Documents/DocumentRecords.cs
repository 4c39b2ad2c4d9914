using ApprovalsPortal.Features.Accounts;

namespace ApprovalsPortal.Features.Documents;

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
    int? LockedByInvoiceId)
{
    /// <summary>Pending payment: clients see that it exists, and may open it only once the invoice is paid.</summary>
    public bool Locked => LockedByInvoiceId is not null;

    public FileFamily? Family => FileKinds.FamilyOf(ContentType);
}

public sealed record UploadRequest(int AccountId, int FolderId, string FileName, long Size, string Description);

public sealed record UploadOutcome(string FileName, int? DocumentId, string? Error)
{
    public bool Succeeded => DocumentId is not null;
}

/// <summary>What the content endpoint needs to stream a file the caller may see.</summary>
public sealed record DocumentFile(string Name, string ContentType, string PhysicalPath);

/// <summary>A file that passed every check and sits in the file store, waiting to become a document.</summary>
public sealed record StagedUpload(string FileName, string ContentType, long Size, string Sha256);

public sealed record StageOutcome(string FileName, StagedUpload? File, string? Error)
{
    public bool Accepted => File is not null;
}

/// <summary>Files of one upload, saved together: same account, folder and description.</summary>
/// <summary>An upload's checked files; <paramref name="LockedByInvoiceId"/> keeps them from the client until that invoice is paid.</summary>
public sealed record UploadBatch(int AccountId, int FolderId, string Description, IReadOnlyList<StagedUpload> Files, int? LockedByInvoiceId = null);

/// <summary>An account's documents at a glance, for its overview.</summary>
public sealed record DocumentStats(int DocumentCount, DateTime? LastUploadAt);
