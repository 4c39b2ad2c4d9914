using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// The firm's pipelines: every staff member reads them, admins change them. A stage that holds jobs cannot be
/// deleted (the database refuses it too, whatever races the screen allows).
/// </summary>
public sealed class PipelineService(IDbContextFactory<AppDbContext> dbFactory, PortalEvents events, TimeProvider clock, ILogger<PipelineService> logger)
{
    public async Task<IReadOnlyList<PipelineRow>> ListAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipelines = await db.Pipelines.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var stages = await db.PipelineStages.AsNoTracking().OrderBy(s => s.Position).Select(JobQueries.ToStageRow(db)).ToListAsync(ct);
        var owners = await db.PipelineStages.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.PipelineId, ct);
        return pipelines.Select(p => new PipelineRow(p.Id, p.Name, stages.Where(s => owners[s.Id] == p.Id).ToList())).ToList();
    }

    /// <summary>The folder names found in the accounts, which a stage automation can choose from.</summary>
    public async Task<IReadOnlyList<string>> ListFolderNamesAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await db.Folders.AsNoTracking().Select(f => f.Name).Distinct().ToListAsync(ct);
        return names.DistinctBy(n => n.ToLowerInvariant()).Order(StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<int> CreateAsync(PortalUser actor, string name, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        name = Pipeline.CheckName(name, "pipeline");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureUniqueAsync(db, name, null, ct);
        var pipeline = new Pipeline { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Pipeline {PipelineId} created by {UserId}", pipeline.Id, actor.UserId);
        Changed();
        return pipeline.Id;
    }

    public async Task RenameAsync(PortalUser actor, int pipelineId, string name, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        name = Pipeline.CheckName(name, "pipeline");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipeline = await db.Pipelines.SingleOrDefaultAsync(p => p.Id == pipelineId, ct) ?? throw new NotFoundOrForbiddenException("The pipeline");
        await EnsureUniqueAsync(db, name, pipelineId, ct);
        pipeline.Name = name;
        await db.SaveChangesAsync(ct);
        Changed();
    }

    public async Task DeleteAsync(PortalUser actor, int pipelineId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipeline = await db.Pipelines.Include(p => p.Stages).SingleOrDefaultAsync(p => p.Id == pipelineId, ct) ?? throw new NotFoundOrForbiddenException("The pipeline");
        var jobs = await db.Jobs.CountAsync(j => j.PipelineId == pipelineId, ct);
        if (jobs > 0) throw new PortalRuleException($"The pipeline \"{pipeline.Name}\" holds {Jobs(jobs)} (archived ones included): it cannot be deleted.");
        db.PipelineStages.RemoveRange(pipeline.Stages);
        db.Pipelines.Remove(pipeline);
        await SaveGuardedAsync(db, "The pipeline received a job meanwhile, so it was not deleted.", ct);
        Changed();
    }

    public async Task<int> AddStageAsync(PortalUser actor, int pipelineId, string name, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        name = Pipeline.CheckName(name, "stage");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipeline = await db.Pipelines.Include(p => p.Stages).SingleOrDefaultAsync(p => p.Id == pipelineId, ct) ?? throw new NotFoundOrForbiddenException("The pipeline");
        if (pipeline.Stages.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new PortalRuleException($"The pipeline already has a stage \"{name}\".");
        var stage = new PipelineStage { PipelineId = pipelineId, Name = name, Position = pipeline.Stages.Count };
        db.PipelineStages.Add(stage);
        await db.SaveChangesAsync(ct);
        Changed();
        return stage.Id;
    }

    public async Task RenameStageAsync(PortalUser actor, int stageId, string name, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        name = Pipeline.CheckName(name, "stage");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stage = await StageAsync(db, stageId, ct);
        if (await db.PipelineStages.AnyAsync(s => s.PipelineId == stage.PipelineId && s.Id != stageId && s.Name == name, ct))
            throw new PortalRuleException($"The pipeline already has a stage \"{name}\".");
        stage.Name = name;
        await db.SaveChangesAsync(ct);
        Changed();
    }

    /// <summary>Moves a stage to a new place (0 is first); the others close up around it.</summary>
    public async Task MoveStageAsync(PortalUser actor, int stageId, int position, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stage = await StageAsync(db, stageId, ct);
        var stages = await db.PipelineStages.Where(s => s.PipelineId == stage.PipelineId).OrderBy(s => s.Position).ToListAsync(ct);
        stages.Remove(stage);
        stages.Insert(Math.Clamp(position, 0, stages.Count), stage);
        Renumber(stages);
        await db.SaveChangesAsync(ct);
        Changed();
    }

    public async Task DeleteStageAsync(PortalUser actor, int stageId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stage = await StageAsync(db, stageId, ct);
        var jobs = await db.Jobs.CountAsync(j => j.StageId == stageId, ct);
        if (jobs > 0)
            throw new PortalRuleException($"The stage \"{stage.Name}\" holds {Jobs(jobs)} (archived ones included): move them to another stage before deleting it.");
        db.PipelineStages.Remove(stage);
        Renumber(await db.PipelineStages.Where(s => s.PipelineId == stage.PipelineId && s.Id != stageId).OrderBy(s => s.Position).ToListAsync(ct));
        await SaveGuardedAsync(db, "A job entered the stage meanwhile, so it was not deleted.", ct);
        Changed();
    }

    /// <summary>Sets automove and the automation; jobs already in the stage keep their requests as they were sent.</summary>
    public async Task ConfigureStageAsync(PortalUser actor, int stageId, bool automove, StageAutomation? automation, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stage = await StageAsync(db, stageId, ct);
        var isLast = !await db.PipelineStages.AnyAsync(s => s.PipelineId == stage.PipelineId && s.Position > stage.Position, ct);
        if (automove && isLast) throw new PortalRuleException("The last stage has no next stage to move jobs to: automove needs a stage after it.");
        stage.Automove = automove;
        stage.SetAutomation(automation);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Stage {StageId} configured by {UserId}: automove {Automove}, automation {Automation}", stageId, actor.UserId, automove, automation is not null);
        Changed();
    }

    /// <summary>Numbers the stages in order; the last has no next stage, so it cannot move jobs on.</summary>
    private static void Renumber(List<PipelineStage> stages)
    {
        for (var i = 0; i < stages.Count; i++) stages[i].Position = i;
        if (stages.Count > 0) stages[^1].Automove = false;
    }

    private static async Task<PipelineStage> StageAsync(AppDbContext db, int stageId, CancellationToken ct) =>
        await db.PipelineStages.SingleOrDefaultAsync(s => s.Id == stageId, ct) ?? throw new NotFoundOrForbiddenException("The stage");

    private static async Task EnsureUniqueAsync(AppDbContext db, string name, int? except, CancellationToken ct)
    {
        if (await db.Pipelines.AnyAsync(p => p.Id != except && p.Name == name, ct))
            throw new PortalRuleException($"A pipeline named \"{name}\" exists already.");
    }

    private static async Task SaveGuardedAsync(AppDbContext db, string raced, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            throw new PortalRuleException(raced);
        }
    }

    private void Changed() => events.Publish(new PortalEvent(PortalEventKind.PipelinesChanged, 0, 0));

    private static string Jobs(int count) => count == 1 ? "1 job" : $"{count} jobs";
}
