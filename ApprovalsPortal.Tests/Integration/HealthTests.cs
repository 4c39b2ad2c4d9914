using System.Net;
using ApprovalsPortal.Data;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ApprovalsPortal.Tests.Integration;

public sealed class HealthTests
{
    [Fact]
    public async Task A_fresh_install_without_an_admin_is_healthy_and_is_not_redirected_to_the_first_run_page()
    {
        using var app = new PortalAppFactory("Production");
        using var client = app.CreateHttpClient();

        var response = await client.WhenHealthyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        // The first-run gate still applies to everything else.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/accounts")).StatusCode);
    }

    [Fact]
    public async Task A_stopped_scheduler_makes_the_portal_unhealthy_and_says_no_more_than_that()
    {
        using var app = new PortalAppFactory();
        using var client = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.WhenHealthyAsync()).StatusCode);

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());

        await scheduler.Start();
        Assert.Equal(HttpStatusCode.OK, (await client.WhenHealthyAsync()).StatusCode);
    }

    [Fact]
    public async Task A_database_that_cannot_answer_makes_the_portal_unhealthy()
    {
        using var app = new PortalAppFactory();
        using var client = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.WhenHealthyAsync()).StatusCode);

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ClientAccounts RENAME TO ClientAccountsGone");
        }
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
