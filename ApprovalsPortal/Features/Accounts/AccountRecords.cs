namespace ApprovalsPortal.Features.Accounts;

public enum AccountApprovalFilter
{
    PendingApproval,
    Approved,
    Disapproved,
}

/// <summary>The accounts list's Approvals filter in the URL: "approvals=pending,approved,disapproved".</summary>
public static class AccountApprovalFilters
{
    private static readonly Dictionary<AccountApprovalFilter, string> Keys = new()
    {
        [AccountApprovalFilter.PendingApproval] = "pending",
        [AccountApprovalFilter.Approved] = "approved",
        [AccountApprovalFilter.Disapproved] = "disapproved",
    };

    /// <summary>Unknown words are ignored: a hand-edited address still opens the list.</summary>
    public static HashSet<AccountApprovalFilter> Parse(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(word => Keys.Where(k => k.Value == word).Select(k => k.Key)).ToHashSet();

    /// <summary>Null when nothing is chosen, so the parameter leaves the URL.</summary>
    public static string? Format(IEnumerable<AccountApprovalFilter> filters)
    {
        var value = string.Join(",", filters.Order().Select(f => Keys[f]));
        return value.Length == 0 ? null : value;
    }
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
