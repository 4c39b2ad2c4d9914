using ApprovalsPortal.Data;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>An active job an item may be linked to, as dialogs offer it.</summary>
public sealed record JobOption(int Id, string Name, string StageName);

/// <summary>
/// What kinds need from jobs, which build on them: the jobs an item may join, a check inside the kind's transaction,
/// and word that a client completed a linked item (so the job can move on). Jobs implement it; the kinds and this
/// core never name jobs' types.
/// </summary>
public interface IItemJobs
{
    /// <summary>The account's active jobs, for the request dialogs.</summary>
    Task<IReadOnlyList<JobOption>> ListActiveAsync(int accountId, CancellationToken ct);

    /// <summary>The names of these jobs, for lists of items that show their job.</summary>
    Task<IReadOnlyDictionary<int, string>> NamesAsync(IReadOnlyCollection<int> jobIds, CancellationToken ct);

    /// <summary>
    /// Inside the kind's transaction, before its save: refuses a job that is not an active job of the account, and
    /// writes the link into the job's activity, which also makes the save fail if the job is archived or moved at the
    /// same moment. Returns the job's name.
    /// </summary>
    Task<string> LinkingAsync(AppDbContext db, int accountId, int jobId, IReadOnlyList<string> titles, PortalUser actor, DateTime now, CancellationToken ct);

    /// <summary>After the commit of a client's answer that completed a linked item: the job may move on.</summary>
    Task ItemCompletedAsync(int itemId, CancellationToken ct);
}
