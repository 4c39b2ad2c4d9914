using Microsoft.Playwright;

namespace ApprovalsPortal.Tests.Support;

/// <summary>One headless Debian Chromium for the whole test run, driven by Playwright; each test gets fresh contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}. Run the README's test command, which installs it.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(string baseUrl, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        // Actions and expectations wait up to 30 s: under the README's busy-machine check (stress-ng on both cores) a
        // dialog's round trip (a commit, its events, the renders) was seen to take more than 15 s.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        // Anything the content security policy refuses is noted, for CspViolationsAsync.
        await context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' refused ' + (e.blockedURI || 'inline') + (e.sourceFile ? ' from ' + e.sourceFile + ':' + e.lineNumber : '')));
            """);
        lock (contexts) contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every page the finished test opened. Called before its portal stops, so the pages' circuits end as a closed
    /// tab's do, instead of running on against a disposed app (and filling the log); and so a long run does not keep
    /// hundreds of dead pages retrying their connections in one Chromium.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (contexts)
        {
            open = [.. contexts];
            contexts.Clear();
        }
        foreach (var context in open) await context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
