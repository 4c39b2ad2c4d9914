using System.Collections.Concurrent;

namespace ApprovalsPortal.Identity;

/// <summary>
/// Ends a login's sessions at once, where the security stamp alone would end them at the next check: open circuits
/// are told (<see cref="Revoked"/>) and sign out, and a cookie issued before the revocation is refused on its next
/// request. Kept in memory: after a restart the security stamp check (every minute) does the same job.
/// </summary>
public sealed class SessionRevocations(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> revokedAt = new(StringComparer.Ordinal);

    /// <summary>Raised with the user id after <see cref="Revoke"/>; handlers run on the caller's thread.</summary>
    public event Action<string>? Revoked;

    public void Revoke(string userId)
    {
        revokedAt[userId] = clock.GetUtcNow();
        Revoked?.Invoke(userId);
    }

    /// <summary>A reactivated login may sign in again (a cookie issued in the same second as the revocation would not pass).</summary>
    public void Clear(string userId) => revokedAt.TryRemove(userId, out _);

    /// <summary>Whether a cookie issued at <paramref name="issuedUtc"/> predates a revocation of its login.</summary>
    public bool IsRevoked(string userId, DateTimeOffset? issuedUtc) =>
        revokedAt.TryGetValue(userId, out var at) && (issuedUtc is null || issuedUtc <= at);
}
