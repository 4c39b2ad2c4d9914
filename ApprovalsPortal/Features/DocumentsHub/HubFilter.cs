using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ApprovalsPortal.Features.DocumentsHub;

public enum HubTab
{
    Recent,
    ByClient,
    Approvals,
}

/// <summary>The Approvals section of the filter. Several may be combined; none selected means All.</summary>
public enum HubStatus
{
    PendingPayment,
    PendingApproval,
    Approved,
    Disapproved,
}

public enum HubSort
{
    LastActivityDesc,
    LastActivityAsc,
    RequestedDesc,
    RequestedAsc,
    DisapprovedDesc,
    DisapprovedAsc,
    UploadedDesc,
    UploadedAsc,
}

/// <summary>
/// What the Documents hub shows: tab, filters and sort. It round-trips through the URL's query string, so a
/// filtered list can be bookmarked and shared.
/// </summary>
public sealed record HubFilter
{
    public HubTab Tab { get; init; } = HubTab.Recent;
    public IReadOnlySet<HubStatus> Statuses { get; init; } = new HashSet<HubStatus>();
    public int? AccountId { get; init; }
    public string? UploadedByUserId { get; init; }
    public DateOnly? RequestedFrom { get; init; }
    public DateOnly? RequestedTo { get; init; }
    public string? NameContains { get; init; }
    public HubSort? Sort { get; init; }

    /// <summary>The page in view (0 is the first), so Back from a document returns to the same place.</summary>
    public int Page { get; init; }

    public HubSort EffectiveSort => Sort ?? (Tab == HubTab.Approvals ? HubSort.RequestedDesc : HubSort.LastActivityDesc);

    public bool HasFilters =>
        Statuses.Count > 0 || AccountId is not null || UploadedByUserId is not null || RequestedFrom is not null
        || RequestedTo is not null || !string.IsNullOrWhiteSpace(NameContains);

    /// <summary>Clears the filters but keeps the tab (and the account on the By client tab, which is its subject).</summary>
    public HubFilter Reset() => new() { Tab = Tab, AccountId = Tab == HubTab.ByClient ? AccountId : null, Sort = Sort };

    /// <summary>Everything but the page: a change here starts again on the first page.</summary>
    public string ListKey => (this with { Page = 0 }).ToQueryString();

    public string ToQueryString()
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Tab != HubTab.Recent) query.Add(new("tab", TabKeys[Tab]));
        if (Statuses.Count > 0) query.Add(new("status", string.Join(",", Statuses.Order().Select(s => StatusKeys[s]))));
        if (AccountId is { } account) query.Add(new("account", account.ToString(CultureInfo.InvariantCulture)));
        if (UploadedByUserId is { } user) query.Add(new("uploadedBy", user));
        if (RequestedFrom is { } from) query.Add(new("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (RequestedTo is { } to) query.Add(new("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(NameContains)) query.Add(new("name", NameContains.Trim()));
        if (Sort is { } sort) query.Add(new("sort", SortKeys[sort]));
        if (Page > 0) query.Add(new("page", (Page + 1).ToString(CultureInfo.InvariantCulture)));
        return QueryString.Create(query).ToUriComponent();
    }

    /// <summary>Reads what <see cref="ToQueryString"/> wrote; anything unknown or malformed is ignored, never an error.</summary>
    public static HubFilter FromQueryString(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        return new HubFilter
        {
            Tab = Lookup(TabKeys, Get("tab")) ?? HubTab.Recent,
            Statuses = (Get("status") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Lookup(StatusKeys, s)).Where(s => s is not null).Select(s => s!.Value).ToHashSet(),
            AccountId = int.TryParse(Get("account"), NumberStyles.None, CultureInfo.InvariantCulture, out var account) ? account : null,
            UploadedByUserId = Get("uploadedBy"),
            RequestedFrom = DateOnly.TryParseExact(Get("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ? from : null,
            RequestedTo = DateOnly.TryParseExact(Get("to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) ? to : null,
            NameContains = Get("name"),
            Sort = Lookup(SortKeys, Get("sort")),
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 1 ? page - 1 : 0,
        };
    }

    private static T? Lookup<T>(Dictionary<T, string> keys, string? value) where T : struct, Enum =>
        value is null ? null : keys.FirstOrDefault(k => k.Value.Equals(value, StringComparison.OrdinalIgnoreCase)) is { Value: not null } hit ? hit.Key : null;

    private static readonly Dictionary<HubTab, string> TabKeys = new()
    {
        [HubTab.Recent] = "recent",
        [HubTab.ByClient] = "client",
        [HubTab.Approvals] = "approvals",
    };

    private static readonly Dictionary<HubStatus, string> StatusKeys = new()
    {
        [HubStatus.PendingPayment] = "payment",
        [HubStatus.PendingApproval] = "pending",
        [HubStatus.Approved] = "approved",
        [HubStatus.Disapproved] = "disapproved",
    };

    private static readonly Dictionary<HubSort, string> SortKeys = new()
    {
        [HubSort.LastActivityDesc] = "activity_desc",
        [HubSort.LastActivityAsc] = "activity_asc",
        [HubSort.RequestedDesc] = "requested_desc",
        [HubSort.RequestedAsc] = "requested_asc",
        [HubSort.DisapprovedDesc] = "disapproved_desc",
        [HubSort.DisapprovedAsc] = "disapproved_asc",
        [HubSort.UploadedDesc] = "uploaded_desc",
        [HubSort.UploadedAsc] = "uploaded_asc",
    };
}
