using System.Text.RegularExpressions;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Pages_carry_a_content_security_policy_whose_nonce_is_the_import_maps_and_the_other_protective_headers()
    {
        using var app = new PortalAppFactory();
        using var client = app.CreateHttpClient();

        var first = await client.GetAsync("/account/sign-in");
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        var scripts = Regex.Match(policy, "script-src ([^;]*)").Groups[1].Value;
        Assert.DoesNotContain("unsafe-inline", scripts);
        var nonce = Regex.Match(scripts, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        // Every inline script of the page (the framework's import map) carries this response's nonce.
        var inline = Regex.Matches(await first.Content.ReadAsStringAsync(), "<script(?![^>]*\\ssrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", tag));
        // A nonce is good for one response only.
        var second = (await client.GetAsync("/account/sign-in")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain(nonce, second);

        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", first.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", first.Headers.GetValues("Permissions-Policy").Single());
        // Only one policy header: the framework's own frame-ancestors header is folded into it.
        Assert.Single(first.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task Production_behind_tls_adds_hsts_and_plain_http_does_not()
    {
        using var app = new PortalAppFactory("Production");
        using var client = app.CreateHttpClient();

        using var overTls = new HttpRequestMessage(HttpMethod.Get, "/setup");
        overTls.Headers.Host = "portal.example.test";
        overTls.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await client.SendAsync(overTls);
        Assert.Contains("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/setup");
        plain.Headers.Host = "portal.example.test";
        Assert.False((await client.SendAsync(plain)).Headers.Contains("Strict-Transport-Security"));
    }
}
