using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.AccountsHub;

/// <summary>
/// The accounts list and the account page, which show an account together with its documents and approvals: the
/// queries that join those areas live here, above all of them.
/// </summary>
public sealed class AccountsHubService(IDbContextFactory<AppDbContext> dbFactory, AccountService accounts, DocumentService documents, TimeProvider clock)
{
    public const int RecentDays = 30;

    public async Task<PagedResult<AccountRow>> ListAsync(PortalUser actor, AccountQuery query, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = db.ClientAccounts.AsNoTracking();
        if (!query.IncludeArchived) list = list.Where(a => a.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = $"%{AccountService.EscapeLike(query.Search.Trim())}%";
            list = list.Where(a => EF.Functions.Like(a.Name, term, "\\"));
        }

        // Approvals wait only as Pending (never In progress): equalities keep to the (ClientAccountId, Kind, Status) index.
        var approvals = db.ActionItems.Where(i => i.Kind == ApprovalRequest.Kind);
        if (query.Approvals is { Count: > 0 } wanted)
        {
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-RecentDays);
            bool pending = wanted.Contains(AccountApprovalFilter.PendingApproval),
                approved = wanted.Contains(AccountApprovalFilter.Approved),
                disapproved = wanted.Contains(AccountApprovalFilter.Disapproved);
            // Approved or disapproved counts only while it is the document's latest request.
            list = list.Where(a =>
                (pending && approvals.Any(i => i.ClientAccountId == a.Id && i.Status == ActionItemStatus.Pending))
                || (approved && approvals.Any(i => i.ClientAccountId == a.Id && i.Status == ActionItemStatus.Done && i.CompletedAt >= since
                                                   && db.Documents.Any(d => d.CurrentApprovalRequestId == i.Id)))
                || (disapproved && approvals.Any(i => i.ClientAccountId == a.Id && i.Status == ActionItemStatus.Declined && i.CompletedAt >= since
                                                      && db.Documents.Any(d => d.CurrentApprovalRequestId == i.Id))));
        }

        var total = await list.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await list
            .OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(a => new AccountRow(
                a.Id, a.Name, a.Contacts.Count,
                a.Contacts.Count(c => c.Notify && c.PortalAccess),
                db.Documents.Count(d => d.ClientAccountId == a.Id),
                a.CreatedAt, a.ArchivedAt != null,
                approvals.Count(i => i.ClientAccountId == a.Id && i.Status == ActionItemStatus.Pending)))
            .ToListAsync(ct);
        return new PagedResult<AccountRow>(items, total);
    }

    public async Task<AccountSummary> GetAsync(PortalUser actor, int accountId, CancellationToken ct = default) =>
        new(await accounts.GetAsync(actor, accountId, ct), await documents.GetStatsAsync(actor, accountId, ct));

    /// <summary>The account's documents with the latest activity first (upload, edit, request, resend, decision).</summary>
    public async Task<IReadOnlyList<RecentActivityRow>> ListRecentActivityAsync(PortalUser actor, int accountId, int take = 8, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from d in db.Documents.AsNoTracking()
                where d.ClientAccountId == accountId
                join i in db.ActionItems on d.CurrentApprovalRequestId equals i.Id into requests
                from i in requests.DefaultIfEmpty()
                orderby d.LastActivityAt descending, d.Id descending
                select new { d.Id, d.Name, d.ContentType, d.LastActivityAt, Status = i == null ? (ActionItemStatus?)null : i.Status })
            .Take(take).ToListAsync(ct);
        return rows.Select(r => new RecentActivityRow(r.Id, r.Name, r.ContentType, r.LastActivityAt, ApprovalRequest.StatusOf(r.Status))).ToList();
    }
}
