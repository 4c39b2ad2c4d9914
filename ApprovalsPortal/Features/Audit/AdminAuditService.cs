using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Audit;

public sealed record AdminAuditRow(long Id, DateTime At, string ActorName, AdminArea Area, string Details);

/// <summary>The record of administration: written with each change (or just after it, for logins), read by admins.</summary>
public sealed class AdminAuditService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Adds an entry to a context that saves it together with the change it records.</summary>
    public void Add(AppDbContext db, PortalUser actor, AdminArea area, string details) =>
        db.AdminAuditEntries.Add(AdminAuditEntry.Create(actor, area, details, clock.GetUtcNow().UtcDateTime));

    /// <summary>Records a change that was saved elsewhere (a login, through Identity's own context).</summary>
    public async Task RecordAsync(PortalUser actor, AdminArea area, string details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, actor, area, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Newest first, a page at a time, optionally one area only.</summary>
    public async Task<PagedResult<AdminAuditRow>> ListAsync(PortalUser actor, AdminArea? area, int page, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AdminAuditEntries.AsNoTracking();
        if (area is { } only) query = query.Where(e => e.Area == only);
        var total = await query.CountAsync(ct);
        page = Math.Max(0, page);
        var rows = await query.OrderByDescending(e => e.Id).Skip(page * PageSize).Take(PageSize)
            .Select(e => new AdminAuditRow(e.Id, e.At, e.ActorName, e.Area, e.Details)).ToListAsync(ct);
        return new PagedResult<AdminAuditRow>(rows, total);
    }
}
