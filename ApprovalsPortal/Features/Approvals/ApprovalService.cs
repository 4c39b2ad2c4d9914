using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Portal;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>Staff's side of approvals: request, resend, cancel, and what the lists and the viewer show.</summary>
public sealed class ApprovalService(
    IDbContextFactory<AppDbContext> dbFactory,
    PortalEvents events,
    ApprovalMail mail,
    OutboxSignal outboxSignal,
    TimeProvider clock,
    ILogger<ApprovalService> logger)
{
    public async Task<DocumentApprovalState> GetStateAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.Folder!.Access,
                PortalContacts = db.Contacts.Count(c => c.ClientAccountId == d.ClientAccountId && c.PortalAccess),
                Recipients = db.Contacts.Where(c => c.ClientAccountId == d.ClientAccountId && c.PortalAccess && c.Notify)
                    .OrderBy(c => c.Name).Select(c => new ApprovalRecipient(c.Name, c.Email)).ToList(),
                d.CurrentApprovalRequestId,
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The document");

        var current = doc.CurrentApprovalRequestId is { } requestId
            ? await db.ApprovalRequests.AsNoTracking().Where(r => r.Id == requestId).Select(ToSummary).SingleAsync(ct)
            : null;
        var reason = current?.Status == ApprovalStatus.Pending ? null : ApprovalRules.CannotRequestReason(doc.Access, doc.PortalContacts);
        return new DocumentApprovalState(doc.Id, doc.Name, reason, current, doc.Recipients);
    }

    /// <summary>Who gets the request's email: the account's contacts with Notify on and portal access.</summary>
    public async Task<IReadOnlyList<ApprovalRecipient>> ListRecipientsAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.AsNoTracking().Where(c => c.ClientAccountId == accountId && c.PortalAccess && c.Notify)
            .OrderBy(c => c.Name).Select(c => new ApprovalRecipient(c.Name, c.Email)).ToListAsync(ct);
    }

    public async Task<DisapprovalDetails?> GetDisapprovalAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Documents.AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => d.CurrentApprovalRequest)
            .Where(r => r != null && r.Status == ApprovalStatus.Disapproved)
            .Select(r => new { r!.DecidedByName, r.DecidedAt, r.DecisionComment, Reasons = r.Reasons.OrderBy(x => x.Id).Select(x => x.Text).ToList() })
            .SingleOrDefaultAsync(ct);
        return request is null ? null : new DisapprovalDetails(request.DecidedByName ?? "", request.DecidedAt!.Value, request.Reasons, request.DecisionComment);
    }

    /// <summary>The account's documents that were ever sent for approval, newest request first, with their latest request.</summary>
    public async Task<IReadOnlyList<ApprovalListRow>> ListForAccountAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking()
            .Where(d => d.ClientAccountId == accountId && d.CurrentApprovalRequestId != null)
            .OrderByDescending(d => d.CurrentApprovalRequest!.RequestedAt).ThenByDescending(d => d.Id)
            .Select(d => new ApprovalListRow(
                d.Id, d.Name, d.ContentType, d.CurrentApprovalRequest!.RequestedAt, d.UploadedByName, d.Description,
                d.CurrentApprovalRequest.Status,
                d.CurrentApprovalRequest.Status == ApprovalStatus.Disapproved ? d.CurrentApprovalRequest.DecidedAt : null,
                d.Folder!.Access))
            .ToListAsync(ct);
    }

    /// <summary>Asks the account's client to approve the document: a new Pending request, a to-do, an audit entry.</summary>
    public async Task<int> RequestAsync(PortalUser actor, int documentId, ApprovalInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        ThrowIfInvalid(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.Include(d => d.Folder).Include(d => d.CurrentApprovalRequest)
            .SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw new NotFoundOrForbiddenException("The document");
        if (doc.CurrentApprovalRequest?.Status == ApprovalStatus.Pending)
            throw new PortalRuleException("Approval is already requested for this document. Resend the request instead.");
        var portalContacts = await db.Contacts.CountAsync(c => c.ClientAccountId == doc.ClientAccountId && c.PortalAccess, ct);
        if (ApprovalRules.CannotRequestReason(doc.Folder!.Access, portalContacts) is { } reason) throw new PortalRuleException(reason);

        var now = clock.GetUtcNow().UtcDateTime;
        var request = new ApprovalRequest
        {
            DocumentId = doc.Id,
            ClientAccountId = doc.ClientAccountId,
            Status = ApprovalStatus.Pending,
            RequestedByUserId = actor.UserId,
            RequestedByName = actor.Name,
            RequestedAt = now,
            LastSentAt = now,
        };
        ApplyInput(request, input, now);
        doc.CurrentApprovalRequest = request;
        doc.LastActivityAt = now;
        await mail.QueueRequestAsync(db, doc, request, ApprovalEmailKind.Request, ct);
        db.PortalTodos.Add(new PortalTodo { ClientAccountId = doc.ClientAccountId, ApprovalRequest = request, CreatedAt = now, BumpedAt = now });
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.ApprovalRequested, Describe(input), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Two staff members pressed the checkmark at the same moment: the unique index let one through.
            throw new PortalRuleException("Approval was just requested for this document by someone else. Resend the request instead.");
        }

        logger.LogInformation("Approval {RequestId} requested for document {DocumentId} by {UserId}", request.Id, doc.Id, actor.UserId);
        outboxSignal.Notify();
        events.Publish(new PortalEvent(PortalEventKind.ApprovalRequested, doc.ClientAccountId, doc.Id));
        return request.Id;
    }

    /// <summary>Asks again: message and reminder settings may change; the to-do goes back to the top of the client's list.</summary>
    public async Task ResendAsync(PortalUser actor, int documentId, ApprovalInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        ThrowIfInvalid(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (doc, request) = await LoadCurrentAsync(db, documentId, ct);
        ApprovalRules.EnsurePending(request.Status, "resent");
        var now = clock.GetUtcNow().UtcDateTime;
        ApplyInput(request, input, now);
        request.LastSentAt = now;
        request.ResendCount++;
        request.ConcurrencyStamp = Guid.NewGuid();
        doc.LastActivityAt = now;
        await mail.QueueRequestAsync(db, doc, request, ApprovalEmailKind.Resend, ct);
        var todo = await db.PortalTodos.SingleOrDefaultAsync(t => t.ApprovalRequestId == request.Id, ct);
        if (todo is null) db.PortalTodos.Add(new PortalTodo { ClientAccountId = request.ClientAccountId, ApprovalRequestId = request.Id, CreatedAt = now, BumpedAt = now });
        else todo.BumpedAt = now;
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.ApprovalResent, Describe(input), now));
        await SaveRacingAsync(db, request, "resent", ct);

        logger.LogInformation("Approval {RequestId} resent by {UserId}", request.Id, actor.UserId);
        outboxSignal.Notify();
        events.Publish(new PortalEvent(PortalEventKind.ApprovalResent, doc.ClientAccountId, doc.Id));
    }

    /// <summary>
    /// "Request approval for pending": one email per notified contact listing all of the account's pending
    /// documents; each request counts as resent and its to-do goes back to the top. Returns how many documents.
    /// </summary>
    public async Task<int> ResendAllPendingAsync(PortalUser actor, int accountId, string message, CancellationToken ct = default)
    {
        actor.RequireStaff();
        if ((message ?? "").Length > ApprovalRules.MaxMessageLength) throw new PortalRuleException($"The message must be at most {ApprovalRules.MaxMessageLength} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var docs = await db.Documents.Include(d => d.CurrentApprovalRequest)
            .Where(d => d.ClientAccountId == accountId && d.CurrentApprovalRequest != null && d.CurrentApprovalRequest.Status == ApprovalStatus.Pending)
            .OrderBy(d => d.Name).ToListAsync(ct);
        if (docs.Count == 0) throw new PortalRuleException("This account has no document waiting for approval.");

        var now = clock.GetUtcNow().UtcDateTime;
        var requestIds = docs.Select(d => d.CurrentApprovalRequestId!.Value).ToList();
        var todos = await db.PortalTodos.Where(t => t.ApprovalRequestId != null && requestIds.Contains(t.ApprovalRequestId.Value)).ToListAsync(ct);
        foreach (var doc in docs)
        {
            var request = doc.CurrentApprovalRequest!;
            request.LastSentAt = now;
            request.ResendCount++;
            // Like a single resend, the reminders count from this email, so none follows it within minutes.
            request.NextReminderAt = ApprovalRules.NextReminderAfterChange(request, now);
            request.ConcurrencyStamp = Guid.NewGuid();
            doc.LastActivityAt = now;
            db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.ApprovalResent, "Resent with the account's other pending documents" +
                (string.IsNullOrWhiteSpace(message) ? "" : $"; message: \"{message.Trim()}\""), now));
        }
        foreach (var todo in todos) todo.BumpedAt = now;
        await mail.QueuePendingListAsync(db, accountId, docs.Select(d => (d.Id, d.Name)).ToList(), (message ?? "").Trim(), actor.Name, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("A client decided on one of these documents at the same moment. Look at the list again and retry.");
        }

        logger.LogInformation("{Count} pending approvals of account {AccountId} resent by {UserId}", docs.Count, accountId, actor.UserId);
        outboxSignal.Notify();
        foreach (var doc in docs) events.Publish(new PortalEvent(PortalEventKind.ApprovalResent, accountId, doc.Id));
        return docs.Count;
    }

    /// <summary>
    /// Changes or switches off the reminders of a pending request. Nothing is emailed now; if the new schedule makes
    /// a reminder due already, the next sweep (within a minute) sends it.
    /// </summary>
    public async Task UpdateRemindersAsync(PortalUser actor, int documentId, bool enabled, int intervalDays, int count, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (doc, request) = await LoadCurrentAsync(db, documentId, ct);
        ThrowIfInvalid(new ApprovalInput(request.Message, enabled, intervalDays, count));
        ApprovalRules.EnsurePending(request.Status, "changed");
        if (enabled && count < request.RemindersSent)
            throw new PortalRuleException($"{request.RemindersSent} reminders were sent already: the number of reminders cannot be lower.");
        request.RemindersEnabled = enabled;
        request.ReminderIntervalDays = intervalDays;
        request.ReminderCount = count;
        request.NextReminderAt = ApprovalRules.NextReminderAfterChange(request, clock.GetUtcNow().UtcDateTime);
        request.ConcurrencyStamp = Guid.NewGuid();
        db.AuditEvents.Add(AuditEvent.For(actor, doc, AuditAction.RemindersChanged,
            ApprovalRules.DescribeReminders(new ApprovalInput("", enabled, intervalDays, count)), clock.GetUtcNow().UtcDateTime));
        await SaveRacingAsync(db, request, "changed", ct);
        events.Publish(new PortalEvent(PortalEventKind.DocumentChanged, doc.ClientAccountId, doc.Id));
    }

    /// <summary>Withdraws the request: the client's to-do goes and no reminder follows. The request stays in the history.</summary>
    public async Task CancelAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (doc, request) = await LoadCurrentAsync(db, documentId, ct);
        ApprovalRules.EnsurePending(request.Status, "cancelled");
        await PendingApprovals.CancelAsync(db, doc, actor, null, clock.GetUtcNow().UtcDateTime, ct);
        await SaveRacingAsync(db, request, "cancelled", ct);

        logger.LogInformation("Approval {RequestId} cancelled by {UserId}", request.Id, actor.UserId);
        events.Publish(new PortalEvent(PortalEventKind.ApprovalCancelled, doc.ClientAccountId, doc.Id));
    }

    private static async Task<(Document Doc, ApprovalRequest Request)> LoadCurrentAsync(AppDbContext db, int documentId, CancellationToken ct)
    {
        var doc = await db.Documents.Include(d => d.CurrentApprovalRequest).SingleOrDefaultAsync(d => d.Id == documentId, ct)
                  ?? throw new NotFoundOrForbiddenException("The document");
        var request = doc.CurrentApprovalRequest ?? throw new PortalRuleException("Approval has not been requested for this document.");
        return (doc, request);
    }

    /// <summary>Saves, turning a lost race (the client decided, or someone cancelled, a moment earlier) into a clear refusal.</summary>
    internal static async Task SaveRacingAsync(AppDbContext db, ApprovalRequest request, string attempted, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var status = await db.ApprovalRequests.AsNoTracking().Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync(ct);
            ApprovalRules.EnsurePending(status, attempted);
            throw new PortalRuleException("Someone changed this request at the same moment. Look at it again and retry.");
        }
    }

    private static void ThrowIfInvalid(ApprovalInput input)
    {
        var errors = ApprovalRules.Validate(input);
        if (errors.Count > 0) throw new PortalRuleException(string.Join(" ", errors));
    }

    private static void ApplyInput(ApprovalRequest request, ApprovalInput input, DateTime sentAt)
    {
        request.Message = (input.Message ?? "").Trim();
        request.RemindersEnabled = input.RemindersEnabled;
        request.ReminderIntervalDays = input.ReminderIntervalDays;
        request.ReminderCount = input.ReminderCount;
        request.NextReminderAt = request.RemindersSent < request.ReminderCount ? ApprovalRules.FirstReminderAt(input, sentAt) : null;
    }

    private static string Describe(ApprovalInput input) =>
        (string.IsNullOrWhiteSpace(input.Message) ? "No message" : $"Message: \"{input.Message.Trim()}\"") + "; " + ApprovalRules.DescribeReminders(input);

    private static readonly System.Linq.Expressions.Expression<Func<ApprovalRequest, ApprovalSummary>> ToSummary = r => new ApprovalSummary(
        r.Id, r.Status, r.Message, r.RemindersEnabled, r.ReminderIntervalDays, r.ReminderCount, r.RemindersSent, r.NextReminderAt,
        r.RequestedByName, r.RequestedAt, r.LastSentAt, r.ResendCount, r.DecidedByName, r.DecidedAt);
}
