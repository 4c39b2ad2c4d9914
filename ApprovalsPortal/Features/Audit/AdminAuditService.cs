using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ApprovalsPortal.Features.Audit;

public sealed record AdminAuditRow(long Id, DateTime At, string ActorName, AdminArea Area, string Details);

/// <summary>The record of administration: written with each change (or just after it, for logins), read by admins.</summary>
public sealed class AdminAuditService(IDbContextFactory<AppDbContext> dbFactory, PortalEvents events, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Adds an entry to a context that saves it together with the change it records.</summary>
    public void Add(AppDbContext db, PortalUser actor, AdminArea area, string details) =>
        db.AdminAuditEntries.Add(AdminAuditEntry.Create(actor, area, details, clock.GetUtcNow().UtcDateTime));

    /// <summary>Saves a change with the entries added for it, then tells the open administration screens.</summary>
    public Task SaveAsync(AppDbContext db, CancellationToken ct = default) => SaveAsync(db, null, ct);

    /// <summary>
    /// As <see cref="SaveAsync(AppDbContext, CancellationToken)"/>, for a change read and written inside a write
    /// transaction: it commits that transaction before the screens are told.
    /// </summary>
    public async Task SaveAsync(AppDbContext db, IDbContextTransaction? transaction, CancellationToken ct = default)
    {
        var areas = db.ChangeTracker.Entries<AdminAuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Area).Distinct().ToList();
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        foreach (var area in areas) Announce(area);
    }

    /// <summary>Records a change that was saved elsewhere (a login, through Identity's own context).</summary>
    public async Task RecordAsync(PortalUser actor, AdminArea area, string details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, actor, area, details);
        await SaveAsync(db, ct);
    }

    /// <summary>Tells the open screens of an area (and the administration log) that it changed; call it once the change is in effect.</summary>
    public void Announce(AdminArea area) => events.Publish(new PortalEvent(area switch
    {
        AdminArea.StaffUsers => PortalEventKind.StaffUsersChanged,
        AdminArea.DisapprovalReasons => PortalEventKind.DisapprovalReasonsChanged,
        AdminArea.FirmSettings => PortalEventKind.FirmSettingsChanged,
        _ => throw new ArgumentOutOfRangeException(nameof(area), area, "An administration area without its event."),
    }, 0, 0));

    /// <summary>Whether an event is news for the administration log.</summary>
    public static bool IsAdministration(PortalEvent portalEvent) =>
        portalEvent.Kind is PortalEventKind.StaffUsersChanged or PortalEventKind.DisapprovalReasonsChanged or PortalEventKind.FirmSettingsChanged;

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
