using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

public sealed class DemoSeedingTests
{
    [Fact]
    public async Task A_demo_seeding_cut_short_is_started_over_so_the_demo_is_all_there_or_not_at_all()
    {
        using var folder = new TempDataFolder();
        var settings = new Dictionary<string, string?> { ["Portal:DataFolder"] = folder.Path, ["Portal:SeedDemoData"] = "true" };

        // The state a failed or killed seeding leaves: its mark, and part of the demo.
        await using (var half = await PortalServices.StartAsync(new Dictionary<string, string?>(settings) { ["Portal:SeedDemoData"] = "false" }))
        {
            await using var db = half.NewDb();
            db.PortalSettings.Add(new PortalSetting { Key = PortalSetting.DemoSeeding, Value = "started" });
            db.ClientAccounts.Add(new ClientAccount { Name = "Half Seeded Ltd" });
            await db.SaveChangesAsync();
        }

        await using var portal = await PortalServices.StartAsync(settings);
        await using var check = portal.NewDb();
        Assert.False(await check.ClientAccounts.AnyAsync(a => a.Name == "Half Seeded Ltd"));
        Assert.True(await check.ClientAccounts.AnyAsync(a => a.Name == "Northwind Bakery"));
        Assert.True(await check.PortalSettings.AnyAsync(s => s.Key == PortalSetting.DemoData && s.Value == "true"));
        Assert.False(await check.PortalSettings.AnyAsync(s => s.Key == PortalSetting.DemoSeeding));
    }

    [Fact]
    public async Task A_finished_demo_leaves_no_seeding_mark_and_a_restart_keeps_its_data()
    {
        using var folder = new TempDataFolder();
        var settings = new Dictionary<string, string?> { ["Portal:DataFolder"] = folder.Path, ["Portal:SeedDemoData"] = "true" };
        await using (var first = await PortalServices.StartAsync(settings))
        {
            await using var db = first.NewDb();
            db.ClientAccounts.Add(new ClientAccount { Name = "Added After The Demo" });
            await db.SaveChangesAsync();
        }

        await using var again = await PortalServices.StartAsync(settings);
        await using var check = again.NewDb();
        Assert.True(await check.ClientAccounts.AnyAsync(a => a.Name == "Added After The Demo"));
        Assert.False(await check.PortalSettings.AnyAsync(s => s.Key == PortalSetting.DemoSeeding));
    }
}
