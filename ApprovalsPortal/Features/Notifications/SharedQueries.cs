using System.Collections.Concurrent;

namespace ApprovalsPortal.Features.Notifications;

/// <summary>
/// After a live update every open screen of a list re-queries at the same moment: 25 staff on the Documents hub ask for
/// the same page 25 times. Identical queries share one database query when they start after the same event: the
/// event <see cref="PortalEvents.Generation"/> is part of the key, so a screen reloaded for a change never gets a page
/// read before it. A shared result lives a second at most, in case a change publishes no event.
/// </summary>
public sealed class SharedQueries(PortalEvents events, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private const int Tidy = 64;

    private readonly ConcurrentDictionary<string, Entry> entries = new();

    /// <param name="key">Everything the result depends on (filter, page, time zone); callers must already be allowed to see it.</param>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> query, CancellationToken ct = default) where T : class
    {
        var now = clock.GetUtcNow();
        var fullKey = $"{events.Generation}|{typeof(T).FullName}|{key}";
        if (entries.Count > Tidy)
        {
            foreach (var (k, e) in entries)
                if (now - e.At > Lifetime) entries.TryRemove(k, out _);
        }
        // Lazy: of two callers racing to add the entry, only the winner's query runs.
        var entry = entries.AddOrUpdate(fullKey,
            _ => new Entry(now, new Lazy<Task<object>>(() => Run(query))),
            (_, existing) => now - existing.At > Lifetime || existing.Result is { IsValueCreated: true, Value.IsFaulted: true } or { IsValueCreated: true, Value.IsCanceled: true }
                ? new Entry(now, new Lazy<Task<object>>(() => Run(query)))
                : existing);
        // The shared query is not cancelled by one caller leaving; that caller stops waiting.
        return (T)await entry.Result.Value.WaitAsync(ct);
    }

    private static async Task<object> Run<T>(Func<Task<T>> query) where T : class
    {
        // Return to the callers at once: SQLite runs a query synchronously, and the other screens waiting for this
        // entry would otherwise block their threads on the Lazy until it ends.
        await Task.Yield();
        return await query();
    }

    private sealed record Entry(DateTimeOffset At, Lazy<Task<object>> Result);
}
