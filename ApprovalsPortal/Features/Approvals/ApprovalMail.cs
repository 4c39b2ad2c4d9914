using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// What staff hear of a decision, added to the caller's DbContext so it commits with the decision. (Requests,
/// resends and reminders are emailed by the action-item core.)
/// </summary>
public sealed class ApprovalMail(EmailComposer composer, Outbox outbox, ActionItemInbox inbox, ActionItemKinds kinds, IOptions<PortalOptions> options)
{
    private PortalOptions Portal => options.Value;

    /// <summary>
    /// Tells the staff member who requested it (if their Approvals preference is on) and every admin who chose
    /// "all approvals": an inbox item (through the action-item core) and an email each, in approval words.
    /// </summary>
    public async Task QueueDecisionAsync(AppDbContext db, ApprovalRequest request, string documentName, IReadOnlyList<string> reasons, CancellationToken ct)
    {
        var approved = request.Status == ApprovalStatus.Approved;
        var accountId = request.Item.ClientAccountId;
        var accountName = await db.ClientAccounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        var verb = approved ? "approved" : "disapproved";
        var people = await inbox.TellAsync(db, request.Item, $"{request.DecidedByName} {verb} {documentName}",
            approved ? accountName : $"{accountName}: {string.Join("; ", reasons)}" + (request.DecisionComment.Length > 0 ? $" — \"{request.DecisionComment}\"" : ""), ct);
        var url = Portal.PublicUri(kinds[request.Item.Kind].StaffHref(ActionItemMail.LinkOf(request.Item))).ToString();
        foreach (var person in people)
        {
            var model = new DecisionEmailModel(Portal.FirmName, person.Name, request.DecidedByName ?? "The client", accountName, documentName,
                approved, reasons, request.DecisionComment, url);
            outbox.Add(db, new EmailRecipient(person.Name, person.Email), await composer.ComposeAsync<DecisionEmail, DecisionEmailModel>(model));
        }
    }
}
