using ApprovalsPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Identity;

/// <summary>Remembers, once true, that the firm has an admin, so the first-run check costs nothing afterwards.</summary>
public sealed class FirstRunState(IDbContextFactory<AppDbContext> dbFactory)
{
    private volatile bool _hasAdmin;

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
}
