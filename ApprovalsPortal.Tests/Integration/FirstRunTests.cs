using System.Net;
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
}
