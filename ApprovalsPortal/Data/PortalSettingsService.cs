using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Data;

public sealed class PortalSettingsService(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes)
{
    /// <summary>
    /// True while the seeded demo data is in use: the install was seeded and the demo staff login still has the
    /// published demo password. Once someone changes it, the sign-in page stops listing the demo logins.
    /// </summary>
    public async Task<bool> IsDemoDataAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.PortalSettings.AnyAsync(s => s.Key == PortalSetting.DemoData && s.Value == "true", ct)) return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var staff = await users.FindByEmailAsync(DemoLogins.Staff.Email);
        return staff is not null && await users.CheckPasswordAsync(staff, DemoLogins.Password);
    }
}
