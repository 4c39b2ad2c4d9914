using ApprovalsPortal.Data;

namespace ApprovalsPortal.Features.Documents;

/// <summary>
/// What documents may be locked to ("Pending payment": an unpaid invoice), without Documents knowing invoices:
/// Invoices implements this and registers it in DI. Documents stores the lock's id and honours it.
/// </summary>
public interface IDocumentLocks
{
    /// <summary>
    /// Checks, inside <paramref name="db"/>'s transaction, that documents of <paramref name="accountId"/> may be locked
    /// to <paramref name="lockId"/>, and marks the lock's owner changed so that a payment racing the lock is refused.
    /// Returns the lock's name for the audit trail ("invoice INV-0042"); throws a rule exception with the reason otherwise.
    /// </summary>
    Task<string> LockingAsync(AppDbContext db, int accountId, int lockId, CancellationToken ct);
}
