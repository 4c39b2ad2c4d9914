using System.Net;
using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

public sealed class FirstRunTests
{
    [Fact]
    public async Task A_fresh_production_install_asks_for_the_firms_admin_and_shows_no_demo_logins()
    {
        using var app = new PortalAppFactory("Production");
        var client = app.CreateHttpClient();

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", home.Headers.Location!.OriginalString);
        var signIn = await client.GetAsync("/account/sign-in");
        Assert.Equal("/setup", signIn.Headers.Location!.OriginalString);

        var setup = await client.GetStringAsync("/setup");
        Assert.Contains("Create the firm&#x27;s admin account", setup);
        Assert.DoesNotContain("demo-logins", setup);
    }

    [Fact]
    public async Task The_admin_form_submitted_twice_at_once_makes_one_admin()
    {
        using var app = new PortalAppFactory("Production");
        var posts = Enumerable.Range(0, 4).Select(async i =>
        {
            var client = app.CreateHttpClient();
            var page = await client.GetStringAsync("/setup");
            var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "setup",
                ["__RequestVerificationToken"] = token,
                ["Input.Name"] = $"Admin {i}",
                ["Input.Email"] = $"admin{i}@firm.test",
                ["Input.Password"] = "a-long-admin-password",
                ["Input.Confirm"] = "a-long-admin-password",
            }));
        }).ToList();
        var responses = await Task.WhenAll(posts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
            Assert.Contains("The firm&#x27;s admin account already exists. Sign in instead.", await refused.Content.ReadAsStringAsync());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var admins = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Admin select ur.UserId).CountAsync();
        Assert.Equal(1, admins);
    }
}
