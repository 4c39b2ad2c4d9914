using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.DocumentsHub;

/// <summary>
/// The firm-wide document lists. Every page is filtered, sorted and cut in the database (a 50-row page never
/// loads the table), through indexes on Documents(LastActivityAt), Documents(CurrentApprovalRequestId) and
/// ApprovalRequests(Status, RequestedAt).
/// </summary>
public sealed class DocumentsHubService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int RecentDays = 30;

    public async Task<PagedResult<HubRow>> QueryAsync(PortalUser actor, HubFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var docs = Filter(db.Documents.AsNoTracking(), filter, clock.GetUtcNow().UtcDateTime);
        if (docs is null) return new PagedResult<HubRow>([], 0);

        var total = await docs.CountAsync(ct);
        var rows = await Sort(docs, filter.EffectiveSort)
            .Skip(Math.Max(0, page) * pageSize).Take(Math.Clamp(pageSize, 1, 200))
            .Select(d => new HubRow(
                d.Id, d.Name, d.ContentType, d.ClientAccountId, d.ClientAccount!.Name, d.UploadedByName, d.Description,
                d.UploadedAt, d.LastActivityAt, d.Folder!.Access,
                d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.Status,
                d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.RequestedAt,
                d.CurrentApprovalRequestId != null && d.CurrentApprovalRequest!.Status == ApprovalStatus.Disapproved ? d.CurrentApprovalRequest.DecidedAt : null,
                d.CurrentApprovalRequestId != null && d.CurrentApprovalRequest!.RemindersEnabled,
                d.CurrentApprovalRequestId == null ? 0 : d.CurrentApprovalRequest!.RemindersSent,
                d.CurrentApprovalRequestId == null ? 0 : d.CurrentApprovalRequest!.ReminderCount,
                d.CurrentApprovalRequestId == null ? null : d.CurrentApprovalRequest!.NextReminderAt))
            .ToListAsync(ct);
        return new PagedResult<HubRow>(rows, total);
    }

    /// <summary>The filter's meaning, as a query; null when it can match nothing (no account picked yet, or only Pending payment).</summary>
    internal static IQueryable<Document>? Filter(IQueryable<Document> docs, HubFilter filter, DateTime now)
    {
        switch (filter.Tab)
        {
            case HubTab.Recent:
                var since = now.AddDays(-RecentDays);
                docs = docs.Where(d => d.LastActivityAt >= since);
                break;
            case HubTab.ByClient when filter.AccountId is null:
                return null;
            case HubTab.Approvals:
                docs = docs.Where(d => d.CurrentApprovalRequestId != null);
                break;
        }

        if (filter.Statuses.Count > 0)
        {
            // Pending payment matches nothing until invoices exist; combined with others it adds nothing.
            var wanted = filter.Statuses.Select(ToApprovalStatus).Where(s => s is not null).Select(s => s!.Value).ToList();
            if (wanted.Count == 0) return null;
            docs = docs.Where(d => d.CurrentApprovalRequestId != null && wanted.Contains(d.CurrentApprovalRequest!.Status));
        }
        if (filter.AccountId is { } accountId) docs = docs.Where(d => d.ClientAccountId == accountId);
        if (filter.UploadedByUserId is { } userId) docs = docs.Where(d => d.UploadedByUserId == userId);
        if (filter.RequestedFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            docs = docs.Where(d => d.CurrentApprovalRequestId != null && d.CurrentApprovalRequest!.RequestedAt >= start);
        }
        if (filter.RequestedTo is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            docs = docs.Where(d => d.CurrentApprovalRequestId != null && d.CurrentApprovalRequest!.RequestedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.NameContains))
        {
            var term = $"%{AccountService.EscapeLike(filter.NameContains.Trim())}%";
            docs = docs.Where(d => EF.Functions.Like(d.Name, term, "\\"));
        }
        return docs;
    }

    private static IQueryable<Document> Sort(IQueryable<Document> docs, HubSort sort) => sort switch
    {
        HubSort.LastActivityAsc => docs.OrderBy(d => d.LastActivityAt).ThenBy(d => d.Id),
        HubSort.RequestedDesc => docs.OrderByDescending(d => d.CurrentApprovalRequest!.RequestedAt).ThenByDescending(d => d.Id),
        HubSort.RequestedAsc => docs.OrderBy(d => d.CurrentApprovalRequest!.RequestedAt).ThenBy(d => d.Id),
        HubSort.DisapprovedDesc => docs.OrderByDescending(d => d.CurrentApprovalRequest!.Status == ApprovalStatus.Disapproved ? d.CurrentApprovalRequest.DecidedAt : null).ThenByDescending(d => d.Id),
        HubSort.DisapprovedAsc => docs.OrderBy(d => d.CurrentApprovalRequest!.Status == ApprovalStatus.Disapproved ? d.CurrentApprovalRequest.DecidedAt : null).ThenBy(d => d.Id),
        HubSort.UploadedDesc => docs.OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id),
        HubSort.UploadedAsc => docs.OrderBy(d => d.UploadedAt).ThenBy(d => d.Id),
        _ => docs.OrderByDescending(d => d.LastActivityAt).ThenByDescending(d => d.Id),
    };

    private static ApprovalStatus? ToApprovalStatus(HubStatus status) => status switch
    {
        HubStatus.PendingApproval => ApprovalStatus.Pending,
        HubStatus.Approved => ApprovalStatus.Approved,
        HubStatus.Disapproved => ApprovalStatus.Disapproved,
        _ => null,
    };

    /// <summary>For the filter panel's client picker: accounts whose name contains the text.</summary>
    public async Task<IReadOnlyList<AccountOption>> SearchAccountsAsync(PortalUser actor, string? text, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = db.ClientAccounts.AsNoTracking().Where(a => a.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(text)) accounts = accounts.Where(a => EF.Functions.Like(a.Name, $"%{AccountService.EscapeLike(text.Trim())}%", "\\"));
        return await accounts.OrderBy(a => a.Name).Take(20).Select(a => new AccountOption(a.Id, a.Name)).ToListAsync(ct);
    }

    public async Task<AccountOption?> GetAccountAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClientAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new AccountOption(a.Id, a.Name)).SingleOrDefaultAsync(ct);
    }

    /// <summary>For "uploaded by": the firm's staff and admins.</summary>
    public async Task<IReadOnlyList<StaffOption>> ListStaffAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Staff || r.Name == Roles.Admin))))
            .OrderBy(u => u.DisplayName).Select(u => new StaffOption(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}
