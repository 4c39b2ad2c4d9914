using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// Staff's changes to jobs. Each runs in one transaction, entering a stage runs the stage's automation inside it, and
/// the job's concurrency stamp turns a race (two people moving one card, a hand move against automove) into a
/// clear refusal. Events go out after the commit.
/// </summary>
public sealed class JobChanges(
    IDbContextFactory<AppDbContext> dbFactory,
    StageEntry entry,
    ActionItemService items,
    ActionItemKinds kinds,
    PortalEvents events,
    TimeProvider clock,
    ILogger<JobChanges> logger)
{
    public async Task<int> CreateAsync(PortalUser actor, JobInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        Job.CheckName(input.Name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stage = await db.PipelineStages.SingleOrDefaultAsync(s => s.Id == input.StageId, ct)
                    ?? throw new PortalRuleException("Choose the pipeline and the stage the job starts in.");
        var account = await db.ClientAccounts.AsNoTracking().Where(a => a.Id == input.AccountId).Select(a => new { a.ArchivedAt }).SingleOrDefaultAsync(ct)
                      ?? throw new PortalRuleException("Choose the client account the job is for.");
        if (account.ArchivedAt is not null) throw new PortalRuleException("This client account is archived: restore it before starting a job for it.");
        await EnsureStaffAsync(db, input.AssigneeUserId, ct);

        var now = Now;
        var job = Job.Create(input.AccountId, input.Name, stage, input.AssigneeUserId, input.DueDate, actor, now);
        db.Jobs.Add(job);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var requested = await entry.EnterAsync(db, job, stage, actor, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Job {JobId} created for account {AccountId} by {UserId}", job.Id, job.ClientAccountId, actor.UserId);
        Publish(job, requested);
        return job.Id;
    }

    public async Task EditAsync(PortalUser actor, int jobId, JobInput input, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await LoadAsync(db, jobId, ct);
        await EnsureStaffAsync(db, input.AssigneeUserId, ct);
        var assigneeName = input.AssigneeUserId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync(ct) : null;
        job.Edit(input.Name, input.AssigneeUserId, assigneeName, input.DueDate, actor, Now);
        await SaveAsync(db, ct);
        Publish(job, []);
    }

    /// <summary>
    /// Moves the job by hand. Items still waiting for the client keep waiting, or are cancelled when staff chose so;
    /// entering the new stage runs its automation.
    /// </summary>
    public async Task MoveAsync(PortalUser actor, JobMove move, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await LoadAsync(db, move.JobId, ct);
        var from = await db.PipelineStages.AsNoTracking().Where(s => s.Id == job.StageId).Select(s => s.Name).SingleAsync(ct);
        var to = await db.PipelineStages.SingleOrDefaultAsync(s => s.Id == move.StageId, ct)
                 ?? throw new PortalRuleException("That stage no longer exists. Reload the board and try again.");
        var waiting = await db.ActionItems.Where(i => i.JobId == job.Id && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress))
            .ToListAsync(ct);

        var now = Now;
        var why = "";
        // Kinds that end otherwise (an unpaid invoice) keep waiting whatever the choice.
        var cancellable = waiting.Where(i => !kinds.TryGet(i.Kind, out var kind) || kind.CancelledWhenJobMovesOn).ToList();
        if (cancellable.Count > 0 && move.Waiting == WaitingItemsChoice.Cancel)
        {
            waiting = cancellable;
            foreach (var item in waiting) item.Cancel(actor, now, $"The job \"{job.Name}\" moved on to \"{to.Name}\" without waiting for it.");
            await items.TouchDocumentsAsync(db, waiting, ct);
            job.Record(JobActivityKind.ItemsCancelled, actor.Name, $"Cancelled {Requests(waiting.Count)} still waiting for the client", now);
            why = $"{Requests(waiting.Count)} cancelled";
        }
        else if (waiting.Count > 0)
        {
            why = $"{Requests(waiting.Count)} still waiting for the client";
        }
        job.MoveTo(to, from, actor.Name, automatic: false, why, now);

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await SaveAsync(db, ct);
        var requested = await entry.EnterAsync(db, job, to, actor, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Job {JobId} moved to stage {StageId} by {UserId}", job.Id, to.Id, actor.UserId);
        if (move.Waiting == WaitingItemsChoice.Cancel) items.Published(waiting, PortalEventKind.ItemCancelled);
        Publish(job, requested);
    }

    /// <summary>What archiving the job does, for the confirmation.</summary>
    public async Task<string> DescribeArchiveAsync(PortalUser actor, int jobId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.ActionItems.Where(i => i.JobId == jobId && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress))
            .Select(i => new { Reminding = i.RemindersEnabled && i.RemindersSent < i.ReminderCount }).ToListAsync(ct);
        if (waiting.Count == 0) return "The job leaves the board. You can unarchive it later.";
        var reminding = waiting.Count(w => w.Reminding);
        return $"The job leaves the board. {Requests(waiting.Count)} linked to it still {(waiting.Count == 1 ? "waits" : "wait")} for the client: "
               + "they stay in the client's Pending action and can still be answered, but "
               + (reminding == 0 ? "none of them has reminders left." : $"their automatic reminders stop ({reminding} with reminders left). Unarchiving starts a fresh schedule.");
    }

    /// <summary>Archives the job: it leaves the board and the reminders of its waiting items stop (the items stay).</summary>
    public async Task ArchiveAsync(PortalUser actor, int jobId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await LoadAsync(db, jobId, ct);
        var now = Now;
        job.Archive(actor, now);
        var waiting = await WaitingAsync(db, job.Id, ct);
        foreach (var item in waiting) item.StopRemindersForJob(actor, now, job.Name);
        await SaveAsync(db, ct);
        logger.LogInformation("Job {JobId} archived by {UserId}", job.Id, actor.UserId);
        items.Published(waiting, PortalEventKind.ItemChanged);
        Publish(job, []);
    }

    /// <summary>Back on the board; the waiting items' reminders start a fresh schedule from now.</summary>
    public async Task UnarchiveAsync(PortalUser actor, int jobId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundOrForbiddenException("The job");
        var now = Now;
        job.Unarchive(actor, now);
        var waiting = await WaitingAsync(db, job.Id, ct);
        foreach (var item in waiting) item.RestartRemindersForJob(actor, now, job.Name);
        await SaveAsync(db, ct);
        logger.LogInformation("Job {JobId} unarchived by {UserId}", job.Id, actor.UserId);
        items.Published(waiting, PortalEventKind.ItemChanged);
        Publish(job, []);
    }

    /// <summary>Links waiting items of the job's account to the job (moving them from another job if need be).</summary>
    public async Task LinkAsync(PortalUser actor, int jobId, IReadOnlyCollection<int> itemIds, CancellationToken ct = default)
    {
        actor.RequireStaff();
        if (itemIds.Count == 0) throw new PortalRuleException("Choose the requests to link to the job.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await LoadAsync(db, jobId, ct);
        var linking = await db.ActionItems.Where(i => itemIds.Contains(i.Id) && i.ClientAccountId == job.ClientAccountId).ToListAsync(ct);
        if (linking.Count != itemIds.Count) throw new PortalRuleException("Only requests of the job's own client account can be linked to it.");
        var now = Now;
        var previousIds = linking.Where(i => i.JobId != null && i.JobId != job.Id).Select(i => i.JobId!.Value).Distinct().ToList();
        var previous = await db.Jobs.Where(j => previousIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        foreach (var item in linking)
        {
            // The job the request leaves says where it went.
            if (item.JobId is { } from && previous.TryGetValue(from, out var old))
                old.Record(JobActivityKind.ItemUnlinked, actor.Name, $"Unlinked \"{item.Title}\": moved to the job \"{job.Name}\"", now).ActionItemId = item.Id;
            item.LinkJob(actor, job.Id, job.Name, now);
            job.Record(JobActivityKind.ItemLinked, actor.Name, $"Linked \"{item.Title}\"", now).ActionItemId = item.Id;
        }
        await SaveAsync(db, ct);
        items.Published(linking, PortalEventKind.ItemChanged);
        Publish(job, []);
    }

    /// <summary>Unlinks a waiting item: it stays with the client, no longer counting towards the job's automove.</summary>
    public async Task UnlinkAsync(PortalUser actor, int jobId, int itemId, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await LoadAsync(db, jobId, ct);
        var item = await db.ActionItems.SingleOrDefaultAsync(i => i.Id == itemId && i.JobId == jobId, ct)
                   ?? throw new PortalRuleException("This request is no longer linked to the job.");
        var now = Now;
        item.LinkJob(actor, null, job.Name, now);
        job.Record(JobActivityKind.ItemUnlinked, actor.Name, $"Unlinked \"{item.Title}\"", now).ActionItemId = item.Id;
        await SaveAsync(db, ct);
        items.Published([item], PortalEventKind.ItemChanged);
        Publish(job, []);
    }

    private static Task<List<ActionItem>> WaitingAsync(AppDbContext db, int jobId, CancellationToken ct) =>
        db.ActionItems.Where(i => i.JobId == jobId && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress)).ToListAsync(ct);

    private static async Task<Job> LoadAsync(AppDbContext db, int jobId, CancellationToken ct)
    {
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundOrForbiddenException("The job");
        job.EnsureActive("changed");
        return job;
    }

    private static async Task EnsureStaffAsync(AppDbContext db, string? userId, CancellationToken ct)
    {
        if (userId is null) return;
        var staff = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where ur.UserId == userId && (r.Name == Roles.Admin || r.Name == Roles.Staff)
            select ur).AnyAsync(ct);
        if (!staff) throw new PortalRuleException("A job can be assigned only to a member of the firm's staff.");
    }

    /// <summary>Saves, turning a lost race into a clear refusal.</summary>
    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalRuleException("Someone changed this job, or one of its requests, at the same moment. Look at it again and retry.");
        }
    }

    private void Publish(Job job, IReadOnlyList<ActionItem> requested)
    {
        events.Publish(new PortalEvent(PortalEventKind.JobChanged, job.ClientAccountId, 0, JobId: job.Id));
        items.Published(requested, PortalEventKind.ItemRequested);
    }

    private static string Requests(int count) => count == 1 ? "1 request" : $"{count} requests";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
