using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// The real Program on Kestrel at a free loopback port, with its own SQLite file in a temporary data folder.
/// Development seeds the demo data; Production starts empty and asks for the first admin.
/// </summary>
public sealed class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly TempDataFolder data = new();
    private readonly string environment;
    private readonly Dictionary<string, string?> settings;

    public PortalAppFactory(string environment = "Development", IDictionary<string, string?>? settings = null)
    {
        this.environment = environment;
        this.settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Portal:DataFolder"] = data.Path,
        };
        // Every test signs in from 127.0.0.1, many times per app; the limit per address has tests of its own.
        this.settings.TryAdd("Portal:SignIn:AttemptsPerAddress", "10000");
        UseKestrel(0);
        StartServer();
    }

    public string DataFolder => data.Path;

    public string BaseUrl => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    /// <summary>An HTTP client against the Kestrel address that keeps cookies and, by default, does not follow redirects.</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = new Uri(BaseUrl) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) data.Dispose();
    }
}
