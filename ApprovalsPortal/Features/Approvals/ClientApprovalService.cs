using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>The client's side of approvals: the prompt on a document, and approving or disapproving it.</summary>
public sealed class ClientApprovalService(
    IDbContextFactory<AppDbContext> dbFactory,
    ActionItemService items,
    ApprovalMail mail,
    TimeProvider clock,
    ILogger<ClientApprovalService> logger)
{
    /// <summary>The pending request on a document this client may decide on, if any.</summary>
    public async Task<ClientApprovalPrompt?> GetPromptAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        if (!actor.IsClient) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (
                from d in db.Documents.AsNoTracking().OpenableBy(db, actor)
                join i in db.ActionItems on d.CurrentApprovalRequestId equals i.Id
                where d.Id == documentId && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress)
                select new ClientApprovalPrompt(i.Id, i.Message, i.RequestedByName, i.LastSentAt))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Where the document's latest request stands, as the client may see it (a withdrawn request is none of theirs).</summary>
    public async Task<ApprovalStatus?> GetStatusAsync(PortalUser actor, int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await (
                from d in db.Documents.AsNoTracking().OpenableBy(db, actor)
                join i in db.ActionItems on d.CurrentApprovalRequestId equals i.Id
                where d.Id == documentId
                select (ActionItemStatus?)i.Status)
            .SingleOrDefaultAsync(ct);
        var approval = ApprovalRequest.StatusOf(status);
        return approval == ApprovalStatus.Cancelled && !actor.IsStaff ? null : approval;
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
    /// with a staff cancel is refused: the item's concurrency stamp makes the database reject the stale write.
    /// </summary>
    private async Task DecideAsync(PortalUser actor, int requestId, DisapprovalInput? disapproval, CancellationToken ct)
    {
        if (actor.ReadOnly) throw new PortalRuleException("This is a read-only view of the client's portal: nothing can be approved or disapproved here.");
        if (!actor.IsClient) throw new PortalRuleException("Only the client can approve or disapprove a document.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.ApprovalRequests.Include(r => r.Item).Include(r => r.Document)
            .SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundOrForbiddenException("The approval request");
        if (!await db.Documents.OpenableBy(db, actor).AnyAsync(d => d.Id == request.DocumentId, ct))
            throw new NotFoundOrForbiddenException("The approval request");
        var attempted = disapproval is null ? "approved" : "disapproved";
        items.EnsureWaiting(ApprovalRequest.Kind, request.Item.Status, attempted);

        var reasons = Array.Empty<ReasonOptionRow>();
        if (disapproval is not null)
        {
            var ids = disapproval.ReasonIds.Distinct().ToList();
            reasons = await db.DisapprovalReasonOptions.AsNoTracking().Where(o => ids.Contains(o.Id) && o.IsActive)
                .OrderBy(o => o.SortOrder).Select(o => new ReasonOptionRow(o.Id, o.Text, o.RequiresComment)).ToArrayAsync(ct);
            if (ApprovalRules.ValidateDisapproval(disapproval, reasons) is { } error) throw new PortalRuleException(error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var contactId = await db.Contacts.Where(c => c.ClientAccountId == request.Item.ClientAccountId && c.UserId == actor.UserId)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (disapproval is null) request.Approve(actor, contactId, now);
        else request.Disapprove(actor, contactId, reasons, disapproval.Comment, now);
        request.Document!.LastActivityAt = now;
        await mail.QueueDecisionAsync(db, request, request.Document.Name, reasons.Select(r => r.Text).ToList(), ct);
        await items.SaveRacingAsync(db, request.Item, attempted, ct);

        logger.LogInformation("Approval {RequestId} {Decision} by {UserId}", request.Id, request.Status, actor.UserId);
        await items.AnsweredAsync(request.Item, ct);
    }
}
