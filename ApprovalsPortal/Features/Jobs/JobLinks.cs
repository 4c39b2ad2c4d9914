using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>Jobs as the kinds see them through <see cref="IItemJobs"/>: which jobs an item may join, and automove.</summary>
public sealed class JobLinks(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes) : IItemJobs
{
    public async Task<IReadOnlyList<JobOption>> ListActiveAsync(int accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking().Where(j => j.ClientAccountId == accountId && j.ArchivedAt == null)
            .OrderBy(j => j.Name).Select(j => new JobOption(j.Id, j.Name, j.Stage!.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<int, string>> NamesAsync(IReadOnlyCollection<int> jobIds, CancellationToken ct)
    {
        if (jobIds.Count == 0) return new Dictionary<int, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
    }

    public async Task<string> LinkingAsync(AppDbContext db, int accountId, int jobId, IReadOnlyList<string> titles, PortalUser actor, DateTime now, CancellationToken ct)
    {
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.ClientAccountId != accountId) throw new PortalRuleException("That job does not belong to this client account. Choose one of the account's jobs.");
        if (job.IsArchived) throw new PortalRuleException($"The job \"{job.Name}\" is archived: unarchive it before linking requests to it.");
        var names = string.Join(", ", titles.Take(5).Select(t => $"\"{t}\"")) + (titles.Count > 5 ? $" and {titles.Count - 5} more" : "");
        job.Record(JobActivityKind.ItemLinked, actor.Name, $"Linked {names}", now);
        return job.Name;
    }

    /// <summary>
    /// In a scope of its own: automove may request approvals on entering the next stage, through the same services
    /// that called here, which must not depend on each other in a circle.
    /// </summary>
    public async Task ItemCompletedAsync(int itemId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobAutomove>().ItemCompletedAsync(itemId, ct);
    }
}
