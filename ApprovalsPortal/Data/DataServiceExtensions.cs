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
        builder.Services.AddSingleton<DataFolderGuard>();
        builder.Services.AddSingleton<PortalBackup>();
        return builder;
    }

    /// <summary>
    /// A transaction for a change that needs more than one SaveChanges, or reads and then writes. On SQLite it is
    /// BEGIN IMMEDIATE: the write lock is taken at the start, so a rival writer waits for it (busy timeout) and what
    /// the transaction reads stays true until it commits. A deferred transaction that read first would be refused at
    /// its first write whenever another connection committed meanwhile (SQLITE_BUSY_SNAPSHOT under WAL, which no
    /// waiting cures): seen as "database is locked" on a busy portal.
    /// </summary>
    public static Task<IDbContextTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken ct) =>
        // Serializable is Microsoft.Data.Sqlite's BEGIN IMMEDIATE (only ReadUncommitted begins deferred).
        database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);

    public static string ConnectionStringFor(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        // Waits (seconds) on a locked database instead of failing at once when two writers meet.
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static async Task InitializeDatabaseAsync(this IServiceProvider services)
    {
        services.GetRequiredService<DataFolderGuard>().Acquire();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
