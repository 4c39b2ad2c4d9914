using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// Runs a rival action once, at the moment a matching change is about to be written: a deterministic way to make
/// two writers meet, since SQLite's async calls run one after the other. A change written in a write transaction is
/// caught as the transaction begins (the rival could not write once it holds SQLite's write lock); any other at its
/// SaveChanges.
/// </summary>
public sealed class BeforeSaveHook : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private Func<DbContext, bool>? when;
    private Func<Task>? action;

    public void Once(Func<DbContext, bool> when, Func<Task> action)
    {
        this.when = when;
        this.action = action;
    }

    public bool Fired { get; private set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(eventData.Context);
        return result;
    }

    private async Task FireAsync(DbContext? context)
    {
        if (action is { } rival && context is not null && when!(context))
        {
            action = null;
            Fired = true;
            await rival();
        }
    }
}
