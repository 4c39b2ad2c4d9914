using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>The client's side of approvals: Pending action, and approving or disapproving a request.</summary>
public sealed class ClientApprovalService(
    IDbContextFactory<AppDbContext> dbFactory,
    PortalEvents events,
    ApprovalMail mail,
    OutboxSignal outboxSignal,
    TimeProvider clock,
    ILogger<ClientApprovalService> logger)
{
    /// <summary>One to-do per pending request of the user's accounts, most recently requested or resent first.</summary>
    public async Task<IReadOnlyList<PendingActionRow>> ListPendingActionsAsync(PortalUser actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Documents.VisibleTo(db, actor);
        return await db.PortalTodos.AsNoTracking()
            .Where(t => t.ApprovalRequest != null && t.ApprovalRequest.Status == ApprovalStatus.Pending)
            .Where(t => visible.Any(d => d.Id == t.ApprovalRequest!.DocumentId))
            .OrderByDescending(t => t.BumpedAt).ThenByDescending(t => t.Id)
            .Select(t => new PendingActionRow(
                t.ApprovalRequest!.Id, t.ApprovalRequest.DocumentId, t.ApprovalRequest.Document!.Name, t.ApprovalRequest.Document.ContentType,
                t.ApprovalRequest.RequestedAt, t.ApprovalRequest.LastSentAt, t.ApprovalRequest.Message, t.ApprovalRequest.Document.ClientAccount!.Name))
            .ToListAsync(ct);
    }

    /// <summary>The accounts whose shared documents this client sees: their events concern this client's screens.</summary>
    public async Task<IReadOnlySet<int>> ListAccountIdsAsync(PortalUser actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Contacts.Where(c => c.UserId == actor.UserId && c.PortalAccess).Select(c => c.ClientAccountId).ToListAsync(ct);
        return ids.ToHashSet();
    }

    /// <summary>The pending request on a document this client may decide on, if any.</summary>
    public async Task<ClientApprovalPrompt?> GetPromptAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        if (!actor.IsClient) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().VisibleTo(db, actor)
            .Where(d => d.Id == documentId && d.CurrentApprovalRequest != null && d.CurrentApprovalRequest.Status == ApprovalStatus.Pending)
            .Select(d => new ClientApprovalPrompt(d.CurrentApprovalRequest!.Id, d.CurrentApprovalRequest.Message, d.CurrentApprovalRequest.RequestedByName, d.CurrentApprovalRequest.LastSentAt))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ReasonOptionRow>> ListReasonOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DisapprovalReasonOptions.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.SortOrder)
            .Select(o => new ReasonOptionRow(o.Id, o.Text, o.RequiresComment)).ToListAsync(ct);
    }

    public Task ApproveAsync(PortalUser actor, int requestId, CancellationToken ct = default) =>
        DecideAsync(actor, requestId, null, ct);

    public Task DisapproveAsync(PortalUser actor, int requestId, DisapprovalInput input, CancellationToken ct = default) =>
        DecideAsync(actor, requestId, input, ct);

    /// <summary>
    /// Records the decision once. A second decision, a decision on a cancelled request, or one that loses a race
    /// with a staff cancel is refused: the concurrency stamp makes the database reject the stale write.
    /// </summary>
    private async Task DecideAsync(PortalUser actor, int requestId, DisapprovalInput? disapproval, CancellationToken ct)
    {
        if (actor.ReadOnly) throw new PortalRuleException("This is a read-only view of the client's portal: nothing can be approved or disapproved here.");
        if (!actor.IsClient) throw new PortalRuleException("Only the client can approve or disapprove a document.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ApprovalRequests.Include(r => r.Document)
            .SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The approval request");
        if (!await db.Documents.VisibleTo(db, actor).AnyAsync(d => d.Id == request.DocumentId, ct))
            throw new NotFoundOrForbiddenException("The approval request");
        var attempted = disapproval is null ? "approved" : "disapproved";
        ApprovalRules.EnsurePending(request.Status, attempted);

        var reasons = Array.Empty<ReasonOptionRow>();
        if (disapproval is not null)
        {
            var ids = disapproval.ReasonIds.Distinct().ToList();
            reasons = await db.DisapprovalReasonOptions.AsNoTracking().Where(o => ids.Contains(o.Id) && o.IsActive)
                .OrderBy(o => o.SortOrder).Select(o => new ReasonOptionRow(o.Id, o.Text, o.RequiresComment)).ToArrayAsync(ct);
            if (ApprovalRules.ValidateDisapproval(disapproval, reasons) is { } error) throw new PortalRuleException(error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var contactId = await db.Contacts.Where(c => c.ClientAccountId == request.ClientAccountId && c.UserId == actor.UserId)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        request.Status = disapproval is null ? ApprovalStatus.Approved : ApprovalStatus.Disapproved;
        request.DecidedAt = now;
        request.DecidedByUserId = actor.UserId;
        request.DecidedByName = actor.Name;
        request.DecidedByContactId = contactId;
        request.DecisionComment = disapproval?.Comment?.Trim() ?? "";
        request.NextReminderAt = null;
        request.ConcurrencyStamp = Guid.NewGuid();
        foreach (var reason in reasons)
            request.Reasons.Add(new DisapprovalReason { ReasonOptionId = reason.Id, Text = reason.Text });
        db.PortalTodos.RemoveRange(await db.PortalTodos.Where(t => t.ApprovalRequestId == request.Id).ToListAsync(ct));
        request.Document!.LastActivityAt = now;
        await mail.QueueDecisionAsync(db, request.Document, request, reasons.Select(r => r.Text).ToList(), ct);
        db.AuditEvents.Add(AuditEvent.For(actor, request.Document!,
            disapproval is null ? AuditAction.Approved : AuditAction.Disapproved,
            disapproval is null ? "Approved" : DescribeDisapproval(reasons, request.DecisionComment), now));
        await ApprovalService.SaveRacingAsync(db, request, attempted, ct);

        logger.LogInformation("Approval {RequestId} {Decision} by {UserId}", request.Id, request.Status, actor.UserId);
        outboxSignal.Notify();
        events.Publish(new PortalEvent(disapproval is null ? PortalEventKind.Approved : PortalEventKind.Disapproved, request.ClientAccountId, request.DocumentId));
    }

    private static string DescribeDisapproval(IEnumerable<ReasonOptionRow> reasons, string comment) =>
        "Reasons: " + string.Join("; ", reasons.Select(r => r.Text)) + (comment.Length > 0 ? $". Comment: \"{comment}\"" : "");
}
