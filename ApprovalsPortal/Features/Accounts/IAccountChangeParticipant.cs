using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Accounts;

/// <summary>An account change in progress: the DbContext it commits with, who makes it and when.</summary>
public sealed record AccountChange(AppDbContext Db, int AccountId, PortalUser Actor, DateTime Now);

/// <summary>
/// Lets features that build on accounts (action items, jobs) take part in an account's changes inside the same
/// transaction, without Accounts knowing them: they implement this and register it in DI. Each returns the events to
/// publish once the change is committed.
/// </summary>
public interface IAccountChangeParticipant
{
    /// <summary>What archiving would do besides hiding the account, in sentences for the confirmation (none when nothing).</summary>
    Task<IReadOnlyList<string>> DescribeArchiveAsync(AppDbContext db, int accountId, CancellationToken ct);

    Task<IReadOnlyList<PortalEvent>> ArchivingAsync(AccountChange change, CancellationToken ct);

    Task<IReadOnlyList<PortalEvent>> RestoringAsync(AccountChange change, CancellationToken ct);

    /// <summary>
    /// The account is about to have no contact who can sign in (the last one's portal access is turned off, or the
    /// contact removed): what would be left waiting with nobody to act, in sentences for the warning (none when nothing).
    /// </summary>
    Task<IReadOnlyList<string>> DescribeStrandedAsync(AppDbContext db, int accountId, CancellationToken ct);

    /// <summary>The firm chose to cancel what <see cref="DescribeStrandedAsync"/> described.</summary>
    Task<IReadOnlyList<PortalEvent>> CancelStrandedAsync(AccountChange change, CancellationToken ct);

    /// <summary>The folder was made staff-only: its documents left the client's sight.</summary>
    Task<IReadOnlyList<PortalEvent>> FolderHiddenAsync(AccountChange change, int folderId, string folderName, CancellationToken ct);
}
