using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// Staff's side of jobs: what the board, the lists and the job page show, and creating, editing, moving by hand,
/// archiving and linking items (<see cref="JobChanges"/>). Automove is <see cref="JobAutomove"/>.
/// </summary>
public sealed class JobService(IDbContextFactory<AppDbContext> dbFactory, ActionItemKinds kinds)
{
    public async Task<IReadOnlyList<JobCard>> ListForAccountAsync(PortalUser actor, int accountId, bool archived, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking().Where(j => j.ClientAccountId == accountId && (j.ArchivedAt != null) == archived)
            .InBoardOrder().ToCards(db).ToListAsync(ct);
    }

    /// <summary>The list view: one page of the jobs the filter selects.</summary>
    public async Task<PagedResult<JobCard>> ListAsync(PortalUser actor, JobFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = db.Jobs.AsNoTracking().Where(j => (j.ArchivedAt != null) == filter.Archived);
        if (filter.PipelineId is { } pipeline) jobs = jobs.Where(j => j.PipelineId == pipeline);
        if (filter.StageId is { } stage) jobs = jobs.Where(j => j.StageId == stage);
        if (filter.AssigneeUserId is { } assignee) jobs = jobs.Where(j => j.AssigneeUserId == assignee);
        if (filter.AccountId is { } account) jobs = jobs.Where(j => j.ClientAccountId == account);
        var total = await jobs.CountAsync(ct);
        var rows = await jobs.InBoardOrder().Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToCards(db).ToListAsync(ct);
        return new PagedResult<JobCard>(rows, total);
    }

    /// <summary>The board of a pipeline: each stage with its count of active jobs and the first page of cards.</summary>
    public async Task<JobBoard?> GetBoardAsync(PortalUser actor, int pipelineId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipeline = await db.Pipelines.AsNoTracking().Where(p => p.Id == pipelineId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(ct);
        if (pipeline is null) return null;
        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == pipelineId).OrderBy(s => s.Position)
            .Select(JobQueries.ToStageRow(db)).ToListAsync(ct);
        var columns = new List<BoardColumn>();
        foreach (var stage in stages)
        {
            var active = db.Jobs.AsNoTracking().ActiveInStage(stage.Id);
            var total = await active.CountAsync(ct);
            var cards = total == 0 ? [] : await active.InBoardOrder().Take(JobQueries.CardsPerPage).ToCards(db).ToListAsync(ct);
            columns.Add(new BoardColumn(stage, total, cards));
        }
        return new JobBoard(new PipelineRow(pipeline.Id, pipeline.Name, stages), columns);
    }

    /// <summary>More cards of one column ("Show more").</summary>
    public async Task<IReadOnlyList<JobCard>> GetColumnAsync(PortalUser actor, int stageId, int skip, int take = JobQueries.CardsPerPage, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking().ActiveInStage(stageId).InBoardOrder().Skip(skip).Take(Math.Clamp(take, 1, 1000)).ToCards(db).ToListAsync(ct);
    }

    public async Task<JobDetails> GetAsync(PortalUser actor, int jobId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).ToCards(db).SingleOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException("The job");
        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == job.PipelineId).OrderBy(s => s.Position)
            .Select(JobQueries.ToStageRow(db)).ToListAsync(ct);
        var linked = await db.ActionItems.AsNoTracking().Where(i => i.JobId == jobId).OrderByDescending(i => i.RequestedAt).ThenByDescending(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Kind, i.ClientAccountId, i.DocumentId, i.Title, i.Status, i.RequestedAt, i.RemindersEnabled, i.RemindersSent,
                i.ReminderCount, i.NextReminderAt, i.RemindersPaused, i.JobArchived,
            })
            .ToListAsync(ct);
        var activity = await db.JobActivities.AsNoTracking().Where(a => a.JobId == jobId).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new JobActivityRow(a.Id, a.Kind, a.ActorName, a.Details, a.At)).ToListAsync(ct);
        var rows = linked.Where(i => kinds.TryGet(i.Kind, out _)).Select(i =>
        {
            var kind = kinds[i.Kind];
            return new LinkedItemRow(i.Id, kind.Icon, i.Title, kind.StatusText(i.Status), i.Status, i.RequestedAt,
                kind.StaffHref(new ActionItemLink(i.Id, i.Kind, i.ClientAccountId, i.DocumentId)), i.RemindersEnabled, i.RemindersSent,
                i.ReminderCount, i.NextReminderAt, i.RemindersPaused, i.JobArchived);
        }).ToList();
        return new JobDetails(job, stages, rows, activity);
    }

    /// <summary>The account's waiting items that are not linked to this job yet, for the job page's "Link items".</summary>
    public async Task<IReadOnlyList<LinkableItem>> ListLinkableAsync(PortalUser actor, int jobId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accountId = await db.Jobs.Where(j => j.Id == jobId).Select(j => (int?)j.ClientAccountId).SingleOrDefaultAsync(ct)
                        ?? throw new NotFoundOrForbiddenException("The job");
        var rows = await db.ActionItems.AsNoTracking()
            .Where(i => i.ClientAccountId == accountId && (i.JobId == null || i.JobId != jobId)
                        && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress))
            .OrderBy(i => i.Title)
            .Select(i => new { i.Id, i.Kind, i.Title, i.Status, JobName = db.Jobs.Where(j => j.Id == i.JobId).Select(j => j.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Where(r => kinds.TryGet(r.Kind, out _))
            .Select(r => new LinkableItem(r.Id, kinds[r.Kind].Icon, r.Title, kinds[r.Kind].StatusText(r.Status), r.JobName)).ToList();
    }

    /// <summary>How many linked items still wait for the client: moving the job on by hand asks what to do with them.</summary>
    public async Task<int> CountWaitingAsync(PortalUser actor, int jobId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ActionItems.CountAsync(i => i.JobId == jobId && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress), ct);
    }
}
