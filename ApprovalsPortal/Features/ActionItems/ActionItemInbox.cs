using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>A staff member told about a client's answer: who, and where to email them.</summary>
public sealed record ToldStaff(string UserId, string Name, string Email);

/// <summary>
/// Tells staff that a client answered an item, for every kind: the staff member who sent it (while their preference
/// is on) and every admin who chose to hear of all of them get an inbox item linking to where the kind opens for
/// staff. Added to the caller's DbContext; the kind then emails the people returned, in its own words.
/// </summary>
public sealed class ActionItemInbox(ActionItemKinds kinds, TimeProvider clock)
{
    public async Task<IReadOnlyList<ToldStaff>> TellAsync(AppDbContext db, ActionItem item, string title, string body, CancellationToken ct)
    {
        var requestedBy = item.RequestedByUserId;
        var people = await db.Users.AsNoTracking()
            .Where(u => (u.Id == requestedBy && u.NotifyOnApprovals)
                        || (u.NotifyOnAllApprovals && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))))
            .Select(u => new ToldStaff(u.Id, u.DisplayName, u.Email!))
            .ToListAsync(ct);
        var link = kinds[item.Kind].StaffHref(ActionItemMail.LinkOf(item));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in people)
        {
            db.StaffNotifications.Add(new StaffNotification
            {
                UserId = person.UserId,
                Title = title.Length > 300 ? title[..300] : title,
                Body = body.Length > 2000 ? body[..2000] : body,
                Link = link,
                ClientAccountId = item.ClientAccountId,
                ActionItemId = item.Id,
                CreatedAt = now,
            });
        }
        return people;
    }
}
