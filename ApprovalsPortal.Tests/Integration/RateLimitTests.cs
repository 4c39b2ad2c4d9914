using System.Net;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>What a stranger can try without signing in is limited per network address (Portal:SignIn, Portal:Requests).</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly PortalAppFactory app = new(settings: new Dictionary<string, string?>
    {
        ["Portal:SignIn:AttemptsPerAddress"] = "3",
        ["Portal:SignIn:WindowMinutes"] = "10",
        ["Portal:Requests:LinkOpeningsPerMinute"] = "2",
    });

    [Fact]
    public async Task A_password_spray_from_one_address_is_refused_after_the_limit_with_a_page_saying_when_to_try_again()
    {
        var client = app.CreateHttpClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostSignInAsync($"someone{i}@example.test", "Summer2026!")).StatusCode);
        }

        // The limit is on the address, not the login: even the right password waits for the window to end.
        var refused = await client.PostSignInAsync(DemoLogins.Staff.Email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Try again in 10 minutes.", await refused.Content.ReadAsStringAsync());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        // Opening the page is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task Behind_the_proxy_each_visitor_has_their_own_limit()
    {
        // The proxy on loopback says who the visitor is; two visitors behind it do not share a budget.
        var first = app.CreateHttpClient();
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.5");
        for (var i = 0; i < 3; i++) await first.PostSignInAsync($"someone{i}@example.test", "Summer2026!");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.PostSignInAsync(DemoLogins.Staff.Email, DemoLogins.Password)).StatusCode);

        var second = app.CreateHttpClient();
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.6");
        var signedIn = await second.PostSignInAsync(DemoLogins.Staff.Email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Opening_set_password_links_is_limited_like_other_links()
    {
        var client = app.CreateHttpClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/account/set-password?userId=guess&token=guess{i}")).StatusCode);
        }

        var refused = await client.GetAsync("/account/set-password?userId=guess&token=guess3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
    }

    public void Dispose() => app.Dispose();
}
