using ApprovalsPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Data;

/// <summary>
/// The portal's <see cref="IDbContextFactory{AppDbContext}"/>: pooled contexts, except on an async flow that began a
/// <see cref="SharedTransaction"/>, where every context joins it.
/// </summary>
public sealed class PortalDbContextFactory(IDbContextFactory<AppDbContext> pool, DbContextOptions<AppDbContext> options, IOptions<PortalOptions> portal)
    : IDbContextFactory<AppDbContext>
{
    private static readonly AsyncLocal<SharedTransaction?> shared = new();

    /// <summary>The shared transaction a context takes part in, if any.</summary>
    internal static SharedTransaction? SharedTransactionOf(IDbContextTransaction? transaction) =>
        transaction is not null && shared.Value is { IsOpen: true } open && open.Owns(transaction.GetDbTransaction()) ? open : null;

    public AppDbContext CreateDbContext() => shared.Value is { IsOpen: true } transaction ? transaction.CreateContext() : pool.CreateDbContext();

    public Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(CreateDbContext());

    /// <summary>
    /// Begins a shared transaction for the calling method and everything it awaits. Call it from that method itself,
    /// not from a helper that is awaited: an async-local value flows into callees, never back to callers.
    /// Only before the portal serves anyone (the demo seeding): inside it, a service's "after commit" work (events,
    /// the outbox signal) runs before the shared commit, and an event's subscribers would inherit the one connection
    /// on other threads.
    /// </summary>
    public SharedTransaction BeginSharedTransaction()
    {
        var transaction = new SharedTransaction(options, DataServiceExtensions.ConnectionStringFor(portal.Value.DatabasePath));
        shared.Value = transaction;
        return transaction;
    }
}
