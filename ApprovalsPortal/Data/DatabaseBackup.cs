using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Data;

/// <summary>
/// A copy of the database taken before a new release's migrations change it, so an upgrade that goes wrong (or a
/// wish to go back) has a way back: migrations that move data cannot be undone in place.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Copies an existing database that has migrations pending into data/backups; returns the copy's path, or null.</summary>
    public static async Task<string?> BeforeMigratingAsync(AppDbContext db, string dataFolder, DateTime now, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0 || !(await db.Database.GetAppliedMigrationsAsync(ct)).Any()) return null;

        var folder = Path.Combine(dataFolder, "backups");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"portal-before-{pending[^1]}-{now:yyyyMMdd-HHmmss}.db");
        // VACUUM INTO writes a consistent, compact copy while the database stays usable.
        await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0};", [path], ct);
        return path;
    }
}
