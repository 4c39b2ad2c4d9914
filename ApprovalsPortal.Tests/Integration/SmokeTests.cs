using System.Net;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

public sealed class SmokeTests
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        using var app = new PortalAppFactory();
        using var client = app.CreateHttpClient();
        var response = await client.GetAsync("/accounts");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }
}
