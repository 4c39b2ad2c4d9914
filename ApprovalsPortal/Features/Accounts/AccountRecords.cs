namespace ApprovalsPortal.Features.Accounts;

public enum AccountApprovalFilter
{
    PendingApproval,
    Approved,
    Disapproved,
}

/// <summary>Approvals: accounts with a pending request, or with a document approved/disapproved in the last 30 days (any of those chosen).</summary>
public sealed record AccountQuery(string? Search, bool IncludeArchived, int Page, int PageSize, IReadOnlySet<AccountApprovalFilter>? Approvals = null);

public sealed record AccountRow(int Id, string Name, int ContactCount, int DocumentCount, DateTime CreatedAt, bool IsArchived, int PendingCount);

public sealed record AccountDetails(
    int Id,
    string Name,
    DateTime CreatedAt,
    DateTime? ArchivedAt,
    int ContactCount,
    int PortalContactCount,
    int NotifyContactCount,
    int FolderCount,
    int DocumentCount,
    DateTime? LastUploadAt);

public sealed record ContactRow(int Id, string Name, string Email, bool Notify, bool PortalAccess, bool HasLogin);

public sealed record ContactInput(int? Id, int AccountId, string Name, string Email, bool Notify, bool PortalAccess);

/// <summary>InvitationLink is set when this save gave the contact portal access for the first time.</summary>
public sealed record ContactSaved(int ContactId, string? InvitationLink);

public sealed record RecentActivityRow(int DocumentId, string Name, string ContentType, DateTime LastActivityAt, Approvals.ApprovalStatus? ApprovalStatus);

public sealed record FolderRow(int Id, string Name, FolderAccess Access, int DocumentCount);
