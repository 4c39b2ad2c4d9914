using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Notifications;

public sealed record InboxItem(long Id, string Title, string Body, string? Link, DateTime CreatedAt, bool IsRead);

public sealed record NotificationPreferences(bool Approvals, bool AllApprovals);

/// <summary>A staff member's inbox and notification preferences.</summary>
public sealed class InboxService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, PortalEvents events)
{
    public async Task<int> CountUnreadAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StaffNotifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<InboxItem>> ListAsync(PortalUser actor, int take = 100, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StaffNotifications.AsNoTracking().Where(n => n.UserId == actor.UserId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take)
            .Select(n => new InboxItem(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    /// <summary>Marks one item (or, with null, all of them) read.</summary>
    public async Task MarkReadAsync(PortalUser actor, long? notificationId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.StaffNotifications
            .Where(n => n.UserId == actor.UserId && n.ReadAt == null && (notificationId == null || n.Id == notificationId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        events.Publish(new PortalEvent(PortalEventKind.InboxChanged, 0, 0, actor.UserId));
    }

    public async Task<NotificationPreferences> GetPreferencesAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == actor.UserId)
            .Select(u => new NotificationPreferences(u.NotifyOnApprovals, u.NotifyOnAllApprovals)).SingleAsync(ct);
    }

    public async Task SavePreferencesAsync(PortalUser actor, NotificationPreferences preferences, CancellationToken ct = default)
    {
        actor.RequireStaff();
        if (preferences.AllApprovals && !actor.IsAdmin) throw new PortalRuleException("Only admins can be notified of every approval.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == actor.UserId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.NotifyOnApprovals, preferences.Approvals)
            .SetProperty(u => u.NotifyOnAllApprovals, preferences.AllApprovals), ct);
    }
}
