using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>
/// Staff's side of approvals: requesting (one document, or every file of an upload), and what the lists and the
/// viewer show. Resending, reminders and cancelling are the action-item core's, reached here by document.
/// </summary>
public sealed class ApprovalService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    DocumentService documents,
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
                d.ClientAccountId,
                d.Folder!.Access,
                PortalContacts = db.Contacts.Count(c => c.ClientAccountId == d.ClientAccountId && c.PortalAccess),
                d.CurrentApprovalRequestId,
                d.LockedByInvoiceId,
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The document");

        var current = doc.CurrentApprovalRequestId is { } requestId ? await SummaryAsync(db, requestId, ct) : null;
        var reason = current?.Status == ApprovalStatus.Pending ? null : ApprovalRules.CannotRequestReason(doc.Access, doc.PortalContacts);
        var recipients = (await ActionItemMail.RecipientsAsync(db, doc.ClientAccountId, ct)).OrderBy(r => r.Name).ToList();
        var jobs = await items.ListJobsAsync(actor, doc.ClientAccountId, ct);
        return new DocumentApprovalState(doc.Id, doc.Name, reason, current, recipients, jobs, doc.LockedByInvoiceId is not null);
    }

    private static async Task<ApprovalSummary> SummaryAsync(AppDbContext db, int requestId, CancellationToken ct)
    {
        var item = await db.ActionItems.AsNoTracking().Where(i => i.Id == requestId).Select(ActionItemService.ToSummary).SingleAsync(ct);
        var decision = await db.ApprovalRequests.AsNoTracking().Where(r => r.Id == requestId).Select(r => new { r.DecidedByName, r.DecidedAt }).SingleAsync(ct);
        return new ApprovalSummary(item, decision.DecidedByName, decision.DecidedAt);
    }

    public Task<IReadOnlyList<ActionItemRecipient>> ListRecipientsAsync(PortalUser actor, int accountId, CancellationToken ct = default) =>
        items.ListRecipientsAsync(actor, accountId, ct);

    public Task<IReadOnlyList<JobOption>> ListJobsAsync(PortalUser actor, int accountId, CancellationToken ct = default) =>
        items.ListJobsAsync(actor, accountId, ct);

    public Task<ILookup<int, ActionItemRecipient>> ListRecipientsAsync(PortalUser actor, IReadOnlyCollection<int> accountIds, CancellationToken ct = default) =>
        items.ListRecipientsAsync(actor, accountIds, ct);

    public async Task<DisapprovalDetails?> GetDisapprovalAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await (
                from d in db.Documents.AsNoTracking()
                join r in db.ApprovalRequests on d.CurrentApprovalRequestId equals r.Id
                where d.Id == documentId && r.Item.Status == ActionItemStatus.Declined
                select new { r.DecidedByName, r.DecidedAt, r.DecisionComment, Reasons = r.Reasons.OrderBy(x => x.Id).Select(x => x.Text).ToList() })
            .SingleOrDefaultAsync(ct);
        return request is null ? null : new DisapprovalDetails(request.DecidedByName ?? "", request.DecidedAt!.Value, request.Reasons, request.DecisionComment);
    }

    /// <summary>The account's documents that were ever sent for approval, newest request first, with their latest request.</summary>
    public async Task<IReadOnlyList<ApprovalListRow>> ListForAccountAsync(PortalUser actor, int accountId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (
                from d in db.Documents.AsNoTracking()
                join i in db.ActionItems on d.CurrentApprovalRequestId equals i.Id
                where d.ClientAccountId == accountId
                orderby i.RequestedAt descending, d.Id descending
                select new ApprovalListRow(d.Id, i.Id, d.Name, d.ContentType, i.RequestedAt, d.UploadedByName, d.Description,
                    ApprovalRequest.StatusOf(i.Status), i.Status == ActionItemStatus.Declined ? i.CompletedAt : null, d.Folder!.Access))
            .ToListAsync(ct);
    }

    /// <summary>Asks the account's client to approve the document: a new item with its to-do, emails and audit entry.</summary>
    public async Task<int> RequestAsync(PortalUser actor, int documentId, ApprovalInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        ActionItem.ThrowIfInvalid(input.Message, input.Reminders);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.Include(d => d.Folder).SingleOrDefaultAsync(d => d.Id == documentId, ct)
                  ?? throw new NotFoundOrForbiddenException("The document");
        var requests = await RequestInContextAsync(db, actor, [doc], input, ct);

        logger.LogInformation("Approval {RequestId} requested for document {DocumentId} by {UserId}", requests[0].Id, doc.Id, actor.UserId);
        items.Published([requests[0].Item], PortalEventKind.ItemRequested);
        return requests[0].Id;
    }

    /// <summary>
    /// Saves an upload's files and requests approval of every one in one transaction: a failure leaves neither
    /// documents nor requests. Each notified contact gets one email listing the new documents.
    /// </summary>
    public async Task<IReadOnlyList<int>> SaveUploadsWithApprovalAsync(PortalUser actor, UploadBatch batch, ApprovalInput input, CancellationToken ct = default)
    {
        ActionItem.ThrowIfInvalid(input.Message, input.Reminders);
        IReadOnlyList<ApprovalRequest> requests = [];
        var ids = await documents.SaveUploadsAsync(actor, batch, async (db, docs) => requests = await RequestInContextAsync(db, actor, docs, input, ct), ct);
        logger.LogInformation("Approval requested for {Count} uploaded documents by {UserId}", requests.Count, actor.UserId);
        items.Published(requests.Select(r => r.Item), PortalEventKind.ItemRequested);
        return ids;
    }

    /// <summary>
    /// Requests approval of several documents of one account inside the caller's transaction (an upload's files, say):
    /// each notified contact gets one email listing them all. The caller commits and then publishes.
    /// </summary>
    public async Task<IReadOnlyList<ApprovalRequest>> RequestInContextAsync(AppDbContext db, PortalUser actor, IReadOnlyList<Document> documents, ApprovalInput input, CancellationToken ct)
    {
        actor.RequireStaff();
        ActionItem.ThrowIfInvalid(input.Message, input.Reminders);
        if (documents.Select(d => d.ClientAccountId).Distinct().Count() != 1) throw new ArgumentException("The documents must belong to one account.", nameof(documents));
        var accountId = documents[0].ClientAccountId;
        var portalContacts = await db.Contacts.CountAsync(c => c.ClientAccountId == accountId && c.PortalAccess, ct);
        var ids = documents.Select(d => d.Id).ToList();
        var folders = await db.Folders.Where(f => db.Documents.Any(d => ids.Contains(d.Id) && d.FolderId == f.Id)).ToDictionaryAsync(f => f.Id, f => f.Access, ct);
        var waiting = await db.ActionItems.AnyAsync(i => i.Kind == ApprovalRequest.Kind && ids.Contains(i.DocumentId!.Value)
                                                         && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress), ct);
        if (waiting) throw new PortalRuleException("Approval is already requested for this document. Resend the request instead.");
        foreach (var doc in documents)
        {
            if (ApprovalRules.CannotRequestReason(folders[doc.FolderId], portalContacts) is { } reason) throw new PortalRuleException(reason);
        }

        var jobName = input.JobId is { } jobId ? await items.LinkingJobAsync(db, accountId, jobId, documents.Select(d => d.Name).ToList(), actor, ct) : null;

        var now = clock.GetUtcNow().UtcDateTime;
        var requests = documents.Select(d => ApprovalRequest.Send(d, input, actor, now, jobName)).ToList();
        db.ApprovalRequests.AddRange(requests);
        await items.SendManyAsync(db, accountId, requests.Select(r => r.Item).ToList(), input.Message.Trim(), actor.Name, ct);
        // Begun after the reads above, so its first statement is a write: SQLite then waits for a rival writer
        // instead of refusing a transaction whose reads went stale.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginWriteTransactionAsync(ct) : null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Two staff members pressed the checkmark at the same moment: the unique index let one through.
            throw new PortalRuleException("Approval was just requested for this document by someone else. Resend the request instead.");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("The job was archived or moved by someone at the same moment, so nothing was requested. Look at it again and retry.");
        }
        // The document points at its latest request (set once the request has its id), so lists need one join.
        foreach (var (doc, request) in documents.Zip(requests))
        {
            doc.CurrentApprovalRequestId = request.Id;
            doc.LastActivityAt = now;
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return requests;
    }

    /// <summary>Asks again: message and reminder settings may change; the to-do goes back to the top of the client's list.</summary>
    public async Task ResendAsync(PortalUser actor, int documentId, ApprovalInput input, CancellationToken ct = default)
    {
        ActionItem.ThrowIfInvalid(input.Message, input.Reminders);
        var requestId = await CurrentRequestIdAsync(actor, documentId, ct);
        await items.ResendAsync(actor, requestId, new ResendInput(input.Message, input.Reminders), ct);
    }

    /// <summary>
    /// "Request approval for pending": one email per notified contact listing all of the account's pending
    /// documents; each request counts as resent and its to-do goes back to the top. Returns how many documents.
    /// </summary>
    public async Task<int> ResendAllPendingAsync(PortalUser actor, int accountId, string message, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var pending = await PendingRequestsAsync(q => q.Where(d => d.ClientAccountId == accountId), ct);
        if (pending.Count == 0) throw new PortalRuleException("This account has no document waiting for approval.");
        return await ResendAsync(actor, pending, message, null, ct);
    }

    /// <summary>
    /// The same for the given documents across accounts (the firm-wide Approvals list): one email per contact per
    /// account; <paramref name="jobByAccount"/> links an account's requests to one of its jobs.
    /// </summary>
    public async Task<int> ResendPendingAsync(PortalUser actor, IReadOnlyCollection<int> documentIds, string message,
        IReadOnlyDictionary<int, int>? jobByAccount = null, CancellationToken ct = default)
    {
        actor.RequireStaff();
        var pending = await PendingRequestsAsync(q => q.Where(d => documentIds.Contains(d.Id)), ct);
        if (pending.Count == 0) throw new PortalRuleException("No document is waiting for approval.");
        return await ResendAsync(actor, pending, message, jobByAccount, ct);
    }

    private Task<int> ResendAsync(PortalUser actor, IReadOnlyList<(int DocumentId, int RequestId)> pending, string message,
        IReadOnlyDictionary<int, int>? jobByAccount, CancellationToken ct) =>
        items.ResendAllAsync(actor, pending.Select(p => p.RequestId).ToList(), message, jobByAccount, ct);

    private async Task<IReadOnlyList<(int DocumentId, int RequestId)>> PendingRequestsAsync(Func<IQueryable<Document>, IQueryable<Document>> which, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from d in which(db.Documents.AsNoTracking())
                join i in db.ActionItems on d.CurrentApprovalRequestId equals i.Id
                where i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress
                select new { d.Id, RequestId = i.Id })
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, r.RequestId)).ToList();
    }

    /// <summary>Changes or switches off the reminders of the document's pending request.</summary>
    public async Task UpdateRemindersAsync(PortalUser actor, int documentId, bool enabled, int intervalDays, int count, CancellationToken ct = default)
    {
        var requestId = await CurrentRequestIdAsync(actor, documentId, ct);
        await items.ChangeRemindersAsync(actor, requestId, new ReminderSettings(enabled, intervalDays, count), ct);
    }

    /// <summary>Withdraws the request: the client's to-do goes and no reminder follows. The request stays in the history.</summary>
    public async Task CancelAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        var requestId = await CurrentRequestIdAsync(actor, documentId, ct);
        await items.CancelAsync(actor, requestId, ct);
    }

    private async Task<int> CurrentRequestIdAsync(PortalUser actor, int documentId, CancellationToken ct)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => new { d.CurrentApprovalRequestId }).SingleOrDefaultAsync(ct)
                  ?? throw new NotFoundOrForbiddenException("The document");
        return doc.CurrentApprovalRequestId ?? throw new PortalRuleException("Approval has not been requested for this document.");
    }
}
