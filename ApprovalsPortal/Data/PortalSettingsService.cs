using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Data;

public sealed class PortalSettingsService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>True while the seeded demo data is in use (the sign-in page then lists the demo logins).</summary>
    public async Task<bool> IsDemoDataAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PortalSettings.AnyAsync(s => s.Key == PortalSetting.DemoData && s.Value == "true", ct);
    }
}
