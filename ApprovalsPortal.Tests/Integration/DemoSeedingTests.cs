using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

public sealed class DemoSeedingTests
{
    [Fact]
    public async Task A_demo_seeding_that_fails_near_its_end_leaves_nothing_and_the_next_start_seeds_it_all()
    {
        using var folder = new TempDataFolder();
        var settings = new Dictionary<string, string?> { ["Portal:DataFolder"] = folder.Path, ["Portal:SeedDemoData"] = "true" };

        // The invoices come last but one: by then logins, accounts, documents, jobs and a request have been saved.
        var hook = new BeforeSaveHook();
        hook.Once(db => db.ChangeTracker.Entries<Invoice>().Any(e => e.State == EntityState.Added),
            () => throw new InvalidOperationException("The disk filled up"));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PortalServices.StartAsync(settings, s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(hook))));
        Assert.Equal("The disk filled up", failure.Message);
        Assert.True(hook.Fired);

        await using (var empty = await PortalServices.StartAsync(new Dictionary<string, string?>(settings) { ["Portal:SeedDemoData"] = "false" }))
        {
            await using var db = empty.NewDb();
            Assert.Equal((0, 0, 0, 0, 0), (await db.Users.CountAsync(), await db.ClientAccounts.CountAsync(), await db.Documents.CountAsync(),
                await db.ActionItems.CountAsync(), await db.PortalSettings.CountAsync(s => s.Key == PortalSetting.DemoData)));
        }

        await using var portal = await PortalServices.StartAsync(settings);
        await using var check = portal.NewDb();
        Assert.Equal(1, await check.ClientAccounts.CountAsync(a => a.Name == "Northwind Bakery"));
        Assert.Equal(2, await check.Invoices.CountAsync());
        Assert.True(await check.PortalSettings.AnyAsync(s => s.Key == PortalSetting.DemoData && s.Value == "true"));
    }

    [Fact]
    public async Task A_seeded_demo_is_kept_at_the_next_start_and_not_seeded_twice()
    {
        using var folder = new TempDataFolder();
        var settings = new Dictionary<string, string?> { ["Portal:DataFolder"] = folder.Path, ["Portal:SeedDemoData"] = "true" };
        await using (var first = await PortalServices.StartAsync(settings))
        {
            await using var db = first.NewDb();
            db.ClientAccounts.Add(new ApprovalsPortal.Features.Accounts.ClientAccount { Name = "Added After The Demo" });
            await db.SaveChangesAsync();
        }

        await using var again = await PortalServices.StartAsync(settings);
        await using var check = again.NewDb();
        Assert.True(await check.ClientAccounts.AnyAsync(a => a.Name == "Added After The Demo"));
        Assert.Equal(1, await check.ClientAccounts.CountAsync(a => a.Name == "Northwind Bakery"));
    }
}
