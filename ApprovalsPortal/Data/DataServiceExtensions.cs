using ApprovalsPortal.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // The pooled factory stays as the source of contexts behind PortalDbContextFactory, which everything resolves,
        // including Identity's stores (their scoped context would otherwise come from the pool directly).
        var pooled = builder.Services.Single(d => d.ServiceType == typeof(IDbContextFactory<AppDbContext>));
        builder.Services.Remove(pooled);
        builder.Services.AddSingleton(services => new PortalDbContextFactory((IDbContextFactory<AppDbContext>)Create(services, pooled),
            services.GetRequiredService<DbContextOptions<AppDbContext>>(), services.GetRequiredService<IOptions<PortalOptions>>()));
        builder.Services.AddSingleton<IDbContextFactory<AppDbContext>>(services => services.GetRequiredService<PortalDbContextFactory>());
        builder.Services.RemoveAll<AppDbContext>();
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
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
    /// <remarks>
    /// Inside a <see cref="SharedTransaction"/> it is a savepoint. Any other transaction already open on the context
    /// is a mistake, and EF refuses it as before.
    /// </remarks>
    public static Task<IDbContextTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken ct) =>
        PortalDbContextFactory.SharedTransactionOf(database.CurrentTransaction) is not null
            ? SavepointTransaction.BeginAsync(database.CurrentTransaction!, ct)
            // Serializable is Microsoft.Data.Sqlite's BEGIN IMMEDIATE (only ReadUncommitted begins deferred).
            : database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);

    public static string ConnectionStringFor(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        // Waits (seconds) on a locked database instead of failing at once when two writers meet.
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    public static async Task InitializeDatabaseAsync(this IServiceProvider services)
    {
        services.GetRequiredService<DataFolderGuard>().Acquire();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
