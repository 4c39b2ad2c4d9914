using ApprovalsPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Identity;

/// <summary>Remembers, once true, that the firm has an admin, so the first-run check costs nothing afterwards.</summary>
public sealed class FirstRunState(IDbContextFactory<AppDbContext> dbFactory) : IDisposable
{
    private volatile bool _hasAdmin;
    private readonly SemaphoreSlim creating = new(1, 1);

    /// <summary>
    /// Runs the first admin's creation one at a time: the form submitted twice at once (a double click, two tabs)
    /// must not make two admins. One process is enough to hold the line: only one portal runs on a data folder.
    /// </summary>
    public async Task<T> OneAtATimeAsync<T>(Func<Task<T>> create)
    {
        await creating.WaitAsync();
        try
        {
            return await create();
        }
        finally
        {
            creating.Release();
        }
    }

    public async Task<bool> HasAdminAsync(CancellationToken ct = default)
    {
        if (_hasAdmin) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _hasAdmin = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where r.Name == Roles.Admin
                           select ur).AnyAsync(ct);
        return _hasAdmin;
    }

    public void Dispose() => creating.Dispose();
}
