using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Data;

/// <summary>Runs once at start: creates the data folder, applies migrations, turns on WAL, seeds roles and demo data.</summary>
public sealed class DatabaseInitializer(
    IOptions<PortalOptions> options,
    IDbContextFactory<AppDbContext> dbFactory,
    RoleManager<IdentityRole> roles,
    IHostEnvironment environment,
    DemoSeeder demoSeeder,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        var portal = options.Value;
        Directory.CreateDirectory(portal.DataFolderFullPath);
        Directory.CreateDirectory(portal.FilesFolder);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var fresh = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
            if (await DatabaseBackup.BeforeMigratingAsync(db, portal.DataFolderFullPath, clock.GetUtcNow().UtcDateTime, ct) is { } backup)
                logger.LogInformation("Database copied to {BackupPath} before upgrading it", backup);
            await db.Database.MigrateAsync(ct);
            // WAL lets readers (every open list) proceed while a writer commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // Keeps the query planner's statistics fresh (it analyzes only tables that changed a lot).
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
            logger.LogInformation("Database ready at {DatabasePath} (fresh: {Fresh})", portal.DatabasePath, fresh);

            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
            }

            // Into an empty firm only: a fresh database, or one whose seeding failed or was killed (its one transaction
            // rolled back, so it holds nobody).
            var seedDemo = portal.SeedDemoData ?? environment.IsDevelopment();
            if (seedDemo && !await db.Users.AnyAsync(ct))
            {
                await demoSeeder.SeedAsync(ct);
            }
        }
    }
}
