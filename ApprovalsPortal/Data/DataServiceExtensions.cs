using ApprovalsPortal.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Data;

public static class DataServiceExtensions
{
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        // Pooled: each operation gets its own context (DESIGN §5.1), without paying to build one every time.
        builder.Services.AddPooledDbContextFactory<AppDbContext>((services, options) =>
        {
            var portal = services.GetRequiredService<IOptions<PortalOptions>>().Value;
            options.UseSqlite(ConnectionStringFor(portal.DatabasePath))
                // Audit events keep pointing at deleted (query-filtered) documents on purpose: the trail outlives the file.
                .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        });
        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// A transaction for a change that needs more than one SaveChanges. On SQLite it starts deferred, so the write
    /// lock is taken by the first write rather than at BEGIN: a writer that meets another then waits for it (or hits
    /// the unique index it raced for) instead of both holding the database while one waits for the other.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken ct)
    {
        if (!database.IsSqlite()) return await database.BeginTransactionAsync(ct);
        await database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)database.GetDbConnection()).BeginTransaction(deferred: true);
        return await database.UseTransactionAsync(transaction, ct) ?? throw new InvalidOperationException("The transaction could not be used.");
    }

    public static string ConnectionStringFor(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        // Waits (seconds) on a locked database instead of failing at once when two writers meet.
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static async Task InitializeDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
