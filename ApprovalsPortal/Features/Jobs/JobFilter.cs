using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// What the Jobs page shows: the board of one pipeline, or the list with its filters. It round-trips through the
/// URL's query string like the Documents hub's filter, so a view can be bookmarked and shared.
/// </summary>
public sealed record JobFilter
{
    public bool ListView { get; init; }
    public int? PipelineId { get; init; }
    public int? StageId { get; init; }
    public string? AssigneeUserId { get; init; }
    public int? AccountId { get; init; }
    public bool Archived { get; init; }

    public bool HasFilters => StageId is not null || AssigneeUserId is not null || AccountId is not null || Archived;

    public string ToQueryString()
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (ListView) query.Add(new("view", "list"));
        if (PipelineId is { } pipeline) query.Add(new("pipeline", pipeline.ToString(CultureInfo.InvariantCulture)));
        if (StageId is { } stage) query.Add(new("stage", stage.ToString(CultureInfo.InvariantCulture)));
        if (AssigneeUserId is { } assignee) query.Add(new("assignee", assignee));
        if (AccountId is { } account) query.Add(new("account", account.ToString(CultureInfo.InvariantCulture)));
        if (Archived) query.Add(new("archived", "true"));
        return QueryString.Create(query).ToUriComponent();
    }

    /// <summary>Reads what <see cref="ToQueryString"/> wrote; anything unknown or malformed is ignored, never an error.</summary>
    public static JobFilter FromQueryString(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        int? Number(string key) => int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var listView = string.Equals(Get("view"), "list", StringComparison.OrdinalIgnoreCase);
        var archived = string.Equals(Get("archived"), "true", StringComparison.OrdinalIgnoreCase);
        return new JobFilter
        {
            ListView = listView || archived,
            PipelineId = Number("pipeline"),
            StageId = Number("stage"),
            AssigneeUserId = Get("assignee"),
            AccountId = Number("account"),
            Archived = archived,
        };
    }
}
