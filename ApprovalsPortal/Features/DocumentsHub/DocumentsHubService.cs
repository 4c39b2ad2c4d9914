using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.DocumentsHub;

/// <summary>
/// The firm-wide document lists. Every page is filtered, sorted and cut in the database (a 50-row page never
/// loads the table), through indexes on Documents(LastActivityAt), Documents(CurrentApprovalRequestId) and
/// ActionItems(Status, RequestedAt).
/// </summary>
public sealed class DocumentsHubService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Notifications.SharedQueries shared)
{
    public const int RecentDays = 30;

    /// <param name="zone">The reader's time zone: "requested between" means their calendar days. UTC when unknown.</param>
    /// <remarks>Every staff member sees the same lists, so open hubs reloading for the same event share one query.</remarks>
    public Task<PagedResult<HubRow>> QueryAsync(PortalUser actor, HubFilter filter, int page, int pageSize, TimeZoneInfo? zone = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        return shared.GetAsync($"hub|{filter.ToQueryString()}|{page}|{pageSize}|{zone?.Id}", () => ReadPageAsync(actor, filter, page, pageSize, zone), ct);
    }

    /// <summary>The same page read from the database every time (what the benchmark measures).</summary>
    public async Task<PagedResult<HubRow>> ReadPageAsync(PortalUser actor, HubFilter filter, int page, int pageSize, TimeZoneInfo? zone = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filter(db, filter, clock.GetUtcNow().UtcDateTime, zone);
        if (query is null) return new PagedResult<HubRow>([], 0);

        var total = await query.CountAsync(ct);
        var items = await Page(query.Rows(db), filter.EffectiveSort, page, pageSize).ToListAsync(ct);
        var numbers = await LockNamesAsync(db, items.Select(i => i.LockedByInvoiceId), ct);
        var signatures = await Signatures.SignatureService.StatesAsync(db, items.Select(i => i.DocumentId).ToList(), ct);
        return new PagedResult<HubRow>(items.Select(i => i with
        {
            LockedBy = i.LockedByInvoiceId is { } id ? numbers.GetValueOrDefault(id) : null,
            Signature = signatures.GetValueOrDefault(i.DocumentId),
        }).ToList(), total);
    }

    /// <summary>The numbers of the invoices documents wait for, in one query.</summary>
    private static async Task<Dictionary<int, string>> LockNamesAsync(AppDbContext db, IEnumerable<int?> invoiceIds, CancellationToken ct)
    {
        var ids = invoiceIds.OfType<int>().Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id) && i.Number != null).ToDictionaryAsync(i => i.Id, i => i.Number!, ct);
    }

    /// <summary>An account's documents (all, or one folder's), newest first, with their approval status.</summary>
    public async Task<IReadOnlyList<DocumentRow>> ListAccountDocumentsAsync(PortalUser actor, int accountId, int? folderId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var docs = db.Documents.AsNoTracking().Where(d => d.ClientAccountId == accountId);
        if (folderId is not null) docs = docs.Where(d => d.FolderId == folderId);
        var rows = await (
                from d in docs
                join r in db.ActionItems on d.CurrentApprovalRequestId equals r.Id into latest
                from r in latest.DefaultIfEmpty()
                orderby d.UploadedAt descending, d.Id descending
                select new DocumentRow(d.Id, d.Name, d.Description, d.ContentType, d.SizeBytes, d.UploadedByName, d.UploadedAt, d.FolderId,
                    d.Folder!.Name, d.Folder.Access, r == null ? null : ApprovalRequest.StatusOf(r.Status), d.LockedByInvoiceId, null))
            .ToListAsync(ct);
        var numbers = await LockNamesAsync(db, rows.Select(r => r.LockedByInvoiceId), ct);
        var signatures = await Signatures.SignatureService.StatesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => r with
        {
            LockedBy = r.LockedByInvoiceId is { } id ? numbers.GetValueOrDefault(id) : null,
            Signature = signatures.GetValueOrDefault(r.Id),
        }).ToList();
    }

    /// <summary>The pending documents the filter matches, for "Request approval for pending documents".</summary>
    public async Task<IReadOnlyList<PendingDocument>> ListPendingAsync(PortalUser actor, HubFilter filter, TimeZoneInfo? zone = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pendingOnly = filter with { Statuses = new HashSet<HubStatus> { HubStatus.PendingApproval } };
        if (filter.Statuses.Count > 0 && !filter.Statuses.Contains(HubStatus.PendingApproval)) return [];
        var query = Filter(db, pendingOnly, clock.GetUtcNow().UtcDateTime, zone);
        if (query is null) return [];
        // Archived accounts hold their requests: nobody there is emailed until the account is restored.
        return await query.Rows(db).Where(p => p.D.ClientAccount!.ArchivedAt == null)
            .OrderBy(p => p.D.ClientAccount!.Name).ThenBy(p => p.D.Name)
            .Select(p => new PendingDocument(p.D.Id, p.D.Name, p.D.ClientAccountId, p.D.ClientAccount!.Name))
            .ToListAsync(ct);
    }

    internal static IQueryable<HubRow> Page(IQueryable<DocumentWithRequest> rows, HubSort sort, int page, int pageSize) =>
        Sort(rows, sort)
            .Skip(Math.Max(0, page) * pageSize).Take(Math.Clamp(pageSize, 1, 200))
            .Select(p => new HubRow(
                p.D.Id, p.D.Name, p.D.ContentType, p.D.ClientAccountId, p.D.ClientAccount!.Name, p.D.UploadedByName, p.D.Description,
                p.D.UploadedAt, p.D.LastActivityAt, p.D.Folder!.Access,
                p.R == null ? null : ApprovalRequest.StatusOf(p.R.Status),
                p.R == null ? null : p.R.RequestedAt,
                p.R != null && p.R.Status == ActionItemStatus.Declined ? p.R.CompletedAt : null,
                p.R != null && p.R.RemindersEnabled,
                p.R == null ? 0 : p.R.RemindersSent,
                p.R == null ? 0 : p.R.ReminderCount,
                p.R == null ? null : p.R.NextReminderAt,
                p.R != null && p.R.RemindersPaused,
                p.R != null && p.R.JobArchived,
                p.D.ClientAccount!.Contacts.Any(c => c.PortalAccess),
                p.D.LockedByInvoiceId,
                null));

    /// <summary>A document with its latest approval request's item (null when it has none).</summary>
    internal sealed class DocumentWithRequest
    {
        public Document D { get; init; } = default!;
        public ActionItem? R { get; init; }
    }

    /// <summary>
    /// A filter's documents and, when the filter is about requests, the requests they must have. Documents are
    /// inner-joined to their latest request only then, so the database can start from the items' (Status,
    /// RequestedAt) index; otherwise the count reads the live-documents index alone and the page left-joins.
    /// </summary>
    internal sealed record HubQuery(IQueryable<Document> Documents, IQueryable<ActionItem>? Requests)
    {
        public IQueryable<DocumentWithRequest> Rows(AppDbContext db) => Requests is { } requests
            ? from d in Documents
              join r in requests on d.CurrentApprovalRequestId equals r.Id
              select new DocumentWithRequest { D = d, R = r }
            : from d in Documents
              join r in db.ActionItems on d.CurrentApprovalRequestId equals r.Id into latest
              from r in latest.DefaultIfEmpty()
              select new DocumentWithRequest { D = d, R = r };

        public Task<int> CountAsync(CancellationToken ct) => Requests is { } requests
            ? Documents.Join(requests, d => d.CurrentApprovalRequestId, r => (int?)r.Id, (d, r) => d.Id).CountAsync(ct)
            : Documents.CountAsync(ct);
    }

    /// <summary>The filter's meaning, as a query; null when it can match nothing (no account picked yet).</summary>
    internal static HubQuery? Filter(AppDbContext db, HubFilter filter, DateTime now, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var docs = db.Documents.AsNoTracking();
        switch (filter.Tab)
        {
            case HubTab.Recent:
                var since = now.AddDays(-RecentDays);
                docs = docs.Where(d => d.LastActivityAt >= since);
                break;
            case HubTab.ByClient when filter.AccountId is null:
                return null;
        }
        if (filter.AccountId is { } accountId) docs = docs.Where(d => d.ClientAccountId == accountId);
        if (filter.UploadedByUserId is { } userId) docs = docs.Where(d => d.UploadedByUserId == userId);
        if (!string.IsNullOrWhiteSpace(filter.NameContains))
        {
            var term = $"%{AccountService.EscapeLike(filter.NameContains.Trim())}%";
            docs = docs.Where(d => EF.Functions.Like(d.Name, term, "\\"));
        }

        var needsRequest = filter.Tab == HubTab.Approvals || filter.Statuses.Count > 0 || filter.RequestedFrom is not null || filter.RequestedTo is not null;
        if (!needsRequest) return new HubQuery(docs, null);

        var requests = db.ActionItems.AsNoTracking();
        var wanted = filter.Statuses.SelectMany(ToItemStatuses).ToList();
        if (filter.RequestedFrom is { } from)
        {
            var start = StartOfDayUtc(from, zone);
            requests = requests.Where(r => r.RequestedAt >= start);
        }
        if (filter.RequestedTo is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1), zone);
            requests = requests.Where(r => r.RequestedAt < end);
        }
        if (filter.Statuses.Contains(HubStatus.PendingPayment))
        {
            // Locked documents, with or without an approval; or else documents whose approval has a wanted status.
            // The request is then joined for its columns only, so a locked document without one is still listed.
            var requestFiltered = filter.Tab == HubTab.Approvals || filter.RequestedFrom is not null || filter.RequestedTo is not null;
            var matching = requests.Where(r => wanted.Contains(r.Status));
            docs = docs.Where(d => (d.LockedByInvoiceId != null && (!requestFiltered || requests.Any(r => r.Id == d.CurrentApprovalRequestId)))
                                   || matching.Any(r => r.Id == d.CurrentApprovalRequestId));
            return new HubQuery(docs, null);
        }
        if (filter.Statuses.Count > 0) requests = requests.Where(r => wanted.Contains(r.Status));
        return new HubQuery(docs, requests);
    }

    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    private static IQueryable<DocumentWithRequest> Sort(IQueryable<DocumentWithRequest> rows, HubSort sort) => sort switch
    {
        HubSort.LastActivityAsc => rows.OrderBy(p => p.D.LastActivityAt).ThenBy(p => p.D.Id),
        HubSort.RequestedDesc => rows.OrderByDescending(p => p.R!.RequestedAt).ThenByDescending(p => p.D.Id),
        HubSort.RequestedAsc => rows.OrderBy(p => p.R!.RequestedAt).ThenBy(p => p.D.Id),
        HubSort.DisapprovedDesc => rows.OrderByDescending(p => p.R!.Status == ActionItemStatus.Declined ? p.R.CompletedAt : null).ThenByDescending(p => p.D.Id),
        // Oldest disapproval first, and documents that were not disapproved after all of them.
        HubSort.DisapprovedAsc => rows.OrderBy(p => p.R!.Status == ActionItemStatus.Declined ? 0 : 1)
            .ThenBy(p => p.R!.Status == ActionItemStatus.Declined ? p.R.CompletedAt : null).ThenBy(p => p.D.Id),
        HubSort.UploadedDesc => rows.OrderByDescending(p => p.D.UploadedAt).ThenByDescending(p => p.D.Id),
        HubSort.UploadedAsc => rows.OrderBy(p => p.D.UploadedAt).ThenBy(p => p.D.Id),
        _ => rows.OrderByDescending(p => p.D.LastActivityAt).ThenByDescending(p => p.D.Id),
    };

    private static ActionItemStatus[] ToItemStatuses(HubStatus status) => status switch
    {
        // An approval is never In progress (the client decides in one step), and an equality lets SQLite walk the
        // items' (Status, RequestedAt) index in order instead of sorting every waiting item.
        HubStatus.PendingApproval => [ActionItemStatus.Pending],
        HubStatus.Approved => [ActionItemStatus.Done],
        HubStatus.Disapproved => [ActionItemStatus.Declined],
        _ => [],
    };
}
