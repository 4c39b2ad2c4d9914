using Microsoft.EntityFrameworkCore.Storage;

namespace ApprovalsPortal.Data;

/// <summary>
/// A service's write transaction inside a <see cref="SharedTransaction"/>: a savepoint, so the service's "commit" keeps
/// its changes for the shared commit, and its rollback undoes only its own part.
/// </summary>
internal sealed class SavepointTransaction : IDbContextTransaction
{
    private readonly IDbContextTransaction outer;
    private readonly string name = "portal_" + Guid.NewGuid().ToString("N");
    private bool ended;

    private SavepointTransaction(IDbContextTransaction outer) => this.outer = outer;

    public static async Task<IDbContextTransaction> BeginAsync(IDbContextTransaction outer, CancellationToken ct)
    {
        var savepoint = new SavepointTransaction(outer);
        await outer.CreateSavepointAsync(savepoint.name, ct);
        return savepoint;
    }

    public Guid TransactionId => outer.TransactionId;

    public void Commit() => End(() => outer.ReleaseSavepoint(name));

    public Task CommitAsync(CancellationToken cancellationToken = default) => EndAsync(() => outer.ReleaseSavepointAsync(name, cancellationToken));

    public void Rollback() => End(() => outer.RollbackToSavepoint(name));

    public Task RollbackAsync(CancellationToken cancellationToken = default) => EndAsync(() => outer.RollbackToSavepointAsync(name, cancellationToken));

    public void Dispose()
    {
        if (!ended) Rollback();
    }

    public async ValueTask DisposeAsync()
    {
        if (!ended) await RollbackAsync();
    }

    private void End(Action end)
    {
        ended = true;
        end();
    }

    private Task EndAsync(Func<Task> end)
    {
        ended = true;
        return end();
    }
}
