namespace ApprovalsPortal.Features.AccountsHub;

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

/// <summary>A row of the accounts list: NotifyCount is how many contacts get the account's emails (Notify on and portal access).</summary>
public sealed record AccountRow(int Id, string Name, int ContactCount, int NotifyCount, int DocumentCount, DateTime CreatedAt, bool IsArchived, int PendingCount);

/// <summary>The account page's header and badges: the account and its documents at a glance.</summary>
public sealed record AccountSummary(Accounts.AccountDetails Account, Documents.DocumentStats Documents);

/// <summary>A document of the account with its latest activity (upload, edit, request, resend, decision) and approval status.</summary>
public sealed record RecentActivityRow(int DocumentId, string Name, string ContentType, DateTime LastActivityAt, Approvals.ApprovalStatus? ApprovalStatus);
