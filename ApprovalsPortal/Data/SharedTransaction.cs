using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Data;

/// <summary>
/// One SQLite transaction around work that runs through many services, each with its own contexts and its own write
/// transactions (the demo seeding). While it is open, <see cref="PortalDbContextFactory"/> hands out contexts on its
/// connection, already in it, and <see cref="DataServiceExtensions.BeginWriteTransactionAsync"/> makes each service's
/// transaction a savepoint inside it. Other connections see nothing until <see cref="CommitAsync"/>; disposing it
/// uncommitted rolls everything back.
/// </summary>
public sealed class SharedTransaction : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly DbContextOptions<AppDbContext> options;

    internal SharedTransaction(DbContextOptions<AppDbContext> options, string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // BEGIN IMMEDIATE, as every write transaction here: the write lock is held from the start.
            transaction = connection.BeginTransaction(IsolationLevel.Serializable);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        this.options = options;
    }

    /// <summary>Whether a context's transaction is this one (its services' write transactions then become savepoints).</summary>
    internal bool Owns(System.Data.Common.DbTransaction candidate) => ReferenceEquals(candidate, transaction);

    /// <summary>False once committed or disposed: a task that outlives the work gets ordinary contexts again.</summary>
    public bool IsOpen { get; private set; } = true;

    internal AppDbContext CreateContext()
    {
        // Outside the pool: these contexts carry this connection, which a pooled context must never keep.
        var db = new AppDbContext(options);
        db.Database.SetDbConnection(connection);
        db.Database.UseTransaction(transaction);
        return db;
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(!IsOpen, this);
        await transaction.CommitAsync(ct);
        IsOpen = false;
    }

    public void Dispose()
    {
        IsOpen = false;
        transaction.Dispose();
        connection.Dispose();
    }
}
