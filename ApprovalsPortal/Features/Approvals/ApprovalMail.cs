using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Email.Templates;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// The emails and inbox items approvals cause, added to the caller's DbContext so they commit with the change.
/// Clients are emailed when their contact has Notify on and portal access (the link needs a login).
/// </summary>
public sealed class ApprovalMail(EmailComposer composer, Outbox outbox, IOptions<PortalOptions> options, TimeProvider clock)
{
    private PortalOptions Portal => options.Value;

    public static async Task<IReadOnlyList<(int ContactId, EmailRecipient Recipient)>> RecipientsAsync(AppDbContext db, int accountId, CancellationToken ct) =>
        (await db.Contacts.AsNoTracking().Where(c => c.ClientAccountId == accountId && c.Notify && c.PortalAccess)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Email }).ToListAsync(ct))
        .Select(c => (c.Id, new EmailRecipient(c.Name, c.Email))).ToList();

    /// <summary>A request, a resend or a reminder for one document; returns how many emails were queued.</summary>
    public async Task<int> QueueRequestAsync(AppDbContext db, Document doc, ApprovalRequest request, ApprovalEmailKind kind, CancellationToken ct, int? reminderNumber = null)
    {
        var recipients = await RecipientsAsync(db, doc.ClientAccountId, ct);
        var url = Portal.PublicUri($"/portal/documents/{doc.Id}").ToString();
        var prefix = $"reminder:{request.Id}:{reminderNumber}:";
        var alreadyWritten = reminderNumber is null
            ? []
            : (await db.OutboxMessages.Where(m => m.DeduplicationKey != null && m.DeduplicationKey.StartsWith(prefix)).Select(m => m.DeduplicationKey!).ToListAsync(ct)).ToHashSet();
        // A reminder that exists already (its key is unique) is not written again.
        var toWrite = recipients.Where(r => !alreadyWritten.Contains(prefix + r.ContactId)).ToList();
        var contents = await composer.ComposeManyAsync<ApprovalRequestEmail, ApprovalRequestEmailModel>(toWrite
            .Select(r => new ApprovalRequestEmailModel(Portal.FirmName, r.Recipient.Name, kind, doc.Name, request.Message, request.RequestedByName, url)).ToList());
        for (var i = 0; i < toWrite.Count; i++)
            outbox.Add(db, toWrite[i].Recipient, contents[i], reminderNumber is { } n ? prefix + toWrite[i].ContactId : null);
        return recipients.Count;
    }

    /// <summary>One email per notified contact listing every pending document of the account.</summary>
    public async Task<int> QueuePendingListAsync(AppDbContext db, int accountId, IReadOnlyList<(int Id, string Name)> documents, string message, string staffName, CancellationToken ct)
    {
        var recipients = await RecipientsAsync(db, accountId, ct);
        var links = documents.Select(d => new PendingDocumentLink(d.Name, Portal.PublicUri($"/portal/documents/{d.Id}").ToString())).ToList();
        var contents = await composer.ComposeManyAsync<PendingDocumentsEmail, PendingDocumentsEmailModel>(recipients
            .Select(r => new PendingDocumentsEmailModel(Portal.FirmName, r.Recipient.Name, links, message, staffName, Portal.PublicUri("/portal").ToString())).ToList());
        for (var i = 0; i < recipients.Count; i++) outbox.Add(db, recipients[i].Recipient, contents[i]);
        return recipients.Count;
    }

    /// <summary>
    /// Tells the staff member who requested it (if their Approvals preference is on) and every admin who chose
    /// "all approvals": an inbox item and an email each.
    /// </summary>
    public async Task QueueDecisionAsync(AppDbContext db, Document doc, ApprovalRequest request, IReadOnlyList<string> reasons, CancellationToken ct)
    {
        var approved = request.Status == ApprovalStatus.Approved;
        var people = await db.Users.AsNoTracking()
            .Where(u => (u.Id == request.RequestedByUserId && u.NotifyOnApprovals)
                        || (u.NotifyOnAllApprovals && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct);
        if (people.Count == 0) return;

        var accountName = await db.ClientAccounts.Where(a => a.Id == doc.ClientAccountId).Select(a => a.Name).SingleAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var verb = approved ? "approved" : "disapproved";
        foreach (var person in people)
        {
            db.StaffNotifications.Add(new StaffNotification
            {
                UserId = person.Id,
                Title = $"{request.DecidedByName} {verb} {doc.Name}",
                Body = approved ? accountName : $"{accountName}: {string.Join("; ", reasons)}" + (request.DecisionComment.Length > 0 ? $" — \"{request.DecisionComment}\"" : ""),
                DocumentId = doc.Id,
                ClientAccountId = doc.ClientAccountId,
                CreatedAt = now,
            });
            var model = new DecisionEmailModel(Portal.FirmName, person.DisplayName, request.DecidedByName ?? "The client", accountName, doc.Name,
                approved, reasons, request.DecisionComment, Portal.PublicUri($"/documents/{doc.Id}").ToString());
            outbox.Add(db, new EmailRecipient(person.DisplayName, person.Email!), await composer.ComposeAsync<DecisionEmail, DecisionEmailModel>(model));
        }
    }
}
