using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// Moves a job to the next stage when its stage has automove and <see cref="AutomoveRule"/> holds. Run when a client
/// completes a linked item, and by a sweep every minute that catches a move the first run missed (the process
/// stopped, the database was busy). Idempotent: a job moved already, or moved by hand meanwhile, is left alone.
/// </summary>
public sealed class JobAutomove(
    IDbContextFactory<AppDbContext> dbFactory,
    StageEntry entry,
    ActionItemService items,
    ActionItemKinds kinds,
    PortalEvents events,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<JobAutomove> logger)
{
    public const string ActorName = "Automove";

    public async Task ItemCompletedAsync(int itemId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobId = await db.ActionItems.Where(i => i.Id == itemId).Select(i => i.JobId).SingleOrDefaultAsync(ct);
        if (jobId is { } id) await TryMoveAsync(id, itemId, ct);
    }

    /// <summary>Jobs that should have moved and did not; returns how many moved now.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        List<int> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            candidates = await db.Jobs.AsNoTracking()
                .Where(j => j.ArchivedAt == null && j.Stage!.Automove
                            && db.PipelineStages.Any(s => s.PipelineId == j.PipelineId && s.Position > j.Stage.Position)
                            && db.ActionItems.Any(i => i.JobId == j.Id && i.Status == ActionItemStatus.Done && i.CompletedAt >= j.StageEnteredAt)
                            && !db.ActionItems.Any(i => i.JobId == j.Id && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress)))
                .Select(j => j.Id).ToListAsync(ct);
        }
        var moved = 0;
        foreach (var jobId in candidates)
        {
            try
            {
                if (await TryMoveAsync(jobId, null, ct)) moved++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One job's trouble (a busy database, a request raced for) must not hold up the others; the next sweep retries.
                logger.LogError(ex, "Automove of job {JobId} failed", jobId);
            }
        }
        return moved;
    }

    private async Task<bool> TryMoveAsync(int jobId, int? completedItemId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.Include(j => j.Stage).SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.IsArchived || job.Stage is not { Automove: true } stage) return false;
        var linked = (await db.ActionItems.AsNoTracking().Where(i => i.JobId == jobId)
            .Select(i => new LinkedItemState(i.Id, i.Kind, i.DocumentId, i.Status, i.CompletedAt, i.CancelledAt)).ToListAsync(ct))
            .Where(i => !kinds.TryGet(i.Kind, out var kind) || kind.CountsForAutomove).ToList();
        var lastUnlinked = await db.JobActivities.Where(a => a.JobId == jobId && a.Kind == JobActivityKind.ItemUnlinked).MaxAsync(a => (DateTime?)a.At, ct);
        if (!AutomoveRule.ShouldMove(linked, lastUnlinked > job.StageEnteredAt ? lastUnlinked.Value : job.StageEnteredAt)) return false;
        var next = await db.PipelineStages.Where(s => s.PipelineId == job.PipelineId && s.Position > stage.Position)
            .OrderBy(s => s.Position).FirstOrDefaultAsync(ct);
        if (next is null) return false;

        // The item whose completion moved the job: the one just answered, or (for the sweep) the latest done.
        var counted = AutomoveRule.Counted(linked);
        var last = counted.FirstOrDefault(i => i.Id == completedItemId) ?? counted.OrderByDescending(i => i.CompletedAt).ThenByDescending(i => i.Id).First();
        var lastItem = await db.ActionItems.AsNoTracking().Where(i => i.Id == last.Id).Select(i => new { i.Title, i.Kind }).SingleAsync(ct);
        var done = kinds.TryGet(lastItem.Kind, out var kind) ? kind.StatusText(ActionItemStatus.Done).ToLowerInvariant() : "done";
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = await ActorAsync(db, job, ct);

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        job.MoveTo(next, stage.Name, ActorName, automatic: true, $"all linked items are done, the last being \"{lastItem.Title}\" ({done})", now, last.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Moved or archived by someone at the same moment: what they did stands.
            return false;
        }
        var requested = await entry.EnterAsync(db, job, next, actor, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Job {JobId} moved automatically to stage {StageId} after item {ItemId}", job.Id, next.Id, last.Id);
        events.Publish(new PortalEvent(PortalEventKind.JobChanged, job.ClientAccountId, 0, JobId: job.Id));
        items.Published(requested, PortalEventKind.ItemRequested);
        return true;
    }

    /// <summary>Requests an automation sends after an automove come from the job's assignee, or from the firm.</summary>
    private async Task<PortalUser> ActorAsync(AppDbContext db, Job job, CancellationToken ct)
    {
        var assignee = job.AssigneeUserId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        return assignee is null
            ? new PortalUser("automation", options.Value.FirmName, false, true, false)
            : new PortalUser(job.AssigneeUserId!, assignee, false, true, false);
    }
}
