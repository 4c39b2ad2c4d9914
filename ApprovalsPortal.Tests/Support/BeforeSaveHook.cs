using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// Runs a rival action once, at the moment a matching SaveChanges is about to write: a deterministic way to make
/// two writers meet, since SQLite's async calls run one after the other.
/// </summary>
public sealed class BeforeSaveHook : SaveChangesInterceptor
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
        if (action is { } rival && eventData.Context is { } context && when!(context))
        {
            action = null;
            Fired = true;
            await rival();
        }
        return result;
    }
}
