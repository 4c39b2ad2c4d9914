using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// What staff hear of a decision, added to the caller's DbContext so it commits with the decision. (Requests,
/// resends and reminders are emailed by the action-item core.)
/// </summary>
public sealed class ApprovalMail(EmailComposer composer, Outbox outbox, ActionItemKinds kinds, IOptions<PortalOptions> options, TimeProvider clock)
{
    private PortalOptions Portal => options.Value;

    /// <summary>
    /// Tells the staff member who requested it (if their Approvals preference is on) and every admin who chose
    /// "all approvals": an inbox item and an email each. Returns whose inbox changed.
    /// </summary>
    public async Task<IReadOnlyList<string>> QueueDecisionAsync(AppDbContext db, ApprovalRequest request, string documentName, IReadOnlyList<string> reasons, CancellationToken ct)
    {
        var approved = request.Status == ApprovalStatus.Approved;
        var requestedBy = request.Item.RequestedByUserId;
        var people = await db.Users.AsNoTracking()
            .Where(u => (u.Id == requestedBy && u.NotifyOnApprovals)
                        || (u.NotifyOnAllApprovals && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct);
        if (people.Count == 0) return [];

        var accountId = request.Item.ClientAccountId;
        var accountName = await db.ClientAccounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var verb = approved ? "approved" : "disapproved";
        var link = kinds[request.Item.Kind].StaffHref(ActionItemMail.LinkOf(request.Item));
        foreach (var person in people)
        {
            db.StaffNotifications.Add(new StaffNotification
            {
                UserId = person.Id,
                Title = $"{request.DecidedByName} {verb} {documentName}",
                Body = approved ? accountName : $"{accountName}: {string.Join("; ", reasons)}" + (request.DecisionComment.Length > 0 ? $" — \"{request.DecisionComment}\"" : ""),
                Link = link,
                ClientAccountId = accountId,
                ActionItemId = request.Id,
                CreatedAt = now,
            });
            var model = new DecisionEmailModel(Portal.FirmName, person.DisplayName, request.DecidedByName ?? "The client", accountName, documentName,
                approved, reasons, request.DecisionComment, Portal.PublicUri(link).ToString());
            outbox.Add(db, new EmailRecipient(person.DisplayName, person.Email!), await composer.ComposeAsync<DecisionEmail, DecisionEmailModel>(model));
        }
        return people.Select(p => p.Id).ToList();
    }
}
