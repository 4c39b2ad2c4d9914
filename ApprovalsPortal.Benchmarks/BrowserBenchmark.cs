using System.Diagnostics;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Notifications;
using Microsoft.Playwright;

namespace ApprovalsPortal.Benchmarks;

public sealed record MemoryResult(string Screen, int Circuits, double KilobytesPerCircuit, double TargetKilobytes);

public sealed record BrowserResults(Timing ClickToRow, Timing FanOut, Timing FanOutShown, int FanOutCircuits, IReadOnlyList<MemoryResult> Memory);

/// <summary>
/// Live latency and circuit memory, measured as a firm would see them: the real portal on Kestrel driven by
/// headless Chromium (Debian's, as in the tests).
/// - Click to row: a client confirms "Approve" on a document; the time until staff's open Documents hub shows the row
///   as Approved, both read from the browser's clock (one browser, one clock), over 20 decisions after warm-up.
/// - Fan-out: 25 staff pages open on the hub; a decision is committed through the service; the time from the
///   decision's event (published after the commit) to the last of the 25 circuits sending its render batch.
/// - Memory: the managed heap after full collections, before and after opening 50 idle pages of one screen.
/// </summary>
public static class BrowserBenchmark
{
    public const int Decisions = 20;
    public const int WarmUp = 3;
    public const int FanOutPages = 25;
    public const int MemoryPages = 50;
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(8);

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<BrowserResults> RunAsync()
    {
        await using var portal = await PortalOnKestrel.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = NicedChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run",
                    "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
        });
        var staffState = await SignedInStateAsync(browser, portal.BaseUrl, DemoLogins.Staff.Email);
        var clientState = await SignedInStateAsync(browser, portal.BaseUrl, DemoLogins.Client.Email);

        // BENCHMARK_PARTS (memory, click, fanout; all by default) picks parts while working on one of them.
        var parts = (Environment.GetEnvironmentVariable("BENCHMARK_PARTS") ?? "memory,click,fanout").Split(',');
        var memory = new List<MemoryResult>();
        if (parts.Contains("memory"))
        {
            Console.WriteLine("Browser: memory per circuit…");
            memory.Add(await MemoryAsync(browser, portal, staffState, "/documents", "[data-testid=hub-table] tbody tr", "Staff: Documents hub", 500));
            memory.Add(await MemoryAsync(browser, portal, clientState, "/portal", "[data-testid=portal-documents]", "Client: portal home", 250));
        }

        var decisions = await portal.PendingDecisionsAsync(Decisions + WarmUp + FanOutPages);
        var none = Statistics.FromSamples("(not measured)", [0]);
        var clickToRow = none;
        if (parts.Contains("click"))
        {
            Console.WriteLine("Browser: click to row…");
            clickToRow = await ClickToRowAsync(browser, portal, staffState, clientState, decisions.Take(Decisions + WarmUp).ToList());
        }
        var fanOut = (none, none);
        if (parts.Contains("fanout"))
        {
            Console.WriteLine("Browser: fan-out to 25 circuits…");
            fanOut = await FanOutAsync(browser, portal, staffState, decisions.Skip(Decisions + WarmUp).ToList());
        }
        return new BrowserResults(clickToRow, fanOut.Item1, fanOut.Item2, FanOutPages, memory);
    }

    /// <summary>
    /// Chromium at a lower CPU priority: its dozens of pages share this machine's cores with the server, where in a
    /// firm each browser runs on its own computer. The server's times should be the server's.
    /// Nice alone is not enough: Playwright starts the browser in a session of its own, and Linux first shares the CPU
    /// equally between sessions (autogroups), so 25 busy pages still took half the cores and stalled circuits' threads
    /// for up to 500 ms. The script lowers the whole group's priority too (/proc/self/autogroup).
    /// </summary>
    private static string NicedChromium()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/nice")) return ChromiumPath;
        var script = Path.Combine(Path.GetTempPath(), "approvals-portal-benchmark", "chromium-niced.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, $"#!/bin/sh\necho 19 > /proc/self/autogroup 2>/dev/null\nexec /usr/bin/nice -n 10 \"{ChromiumPath}\" \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static async Task<string> SignedInStateAsync(IBrowser browser, string baseUrl, string email)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoLogins.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 60_000 });
        return await context.StorageStateAsync();
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, string baseUrl, string state, string path, string ready, bool reducedMotion = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            StorageState = state,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // 25 pages of one browser share this machine's 2 cores with the server; in a firm each is on its own
            // computer. Without animations (the changed row's highlight) they take less of the server's time.
            ReducedMotion = reducedMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
        });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        return page;
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<MemoryResult> MemoryAsync(IBrowser browser, PortalOnKestrel portal, string state, string path, string ready, string screen, double target)
    {
        // One page first, so that what every circuit shares (compiled queries, component metadata) is in "before".
        var first = await OpenAsync(browser, portal.BaseUrl, state, path, ready);
        // Past Kestrel's keep-alive timeout (see PortalOnKestrel): the page's idle HTTP connections are gone.
        await Task.Delay(IdleWait);
        var before = Heap();
        PauseForDump($"1 page of {path} open");
        var pages = new List<IPage>();
        for (var i = 0; i < MemoryPages; i++) pages.Add(await OpenAsync(browser, portal.BaseUrl, state, path, ready));
        // Idle: each circuit has finished its first renders and acknowledgements, and its page's idle HTTP connections are closed.
        await Task.Delay(IdleWait);
        var after = Heap();
        if (Environment.GetEnvironmentVariable("BENCHMARK_CENSUS") == "1") RenderTreeCensus.Print(portal.Services, MemoryPages + 1);
        PauseForDump($"{MemoryPages + 1} pages of {path} open");
        foreach (var page in pages.Append(first)) await page.Context.CloseAsync();
        var perCircuit = (after - before) / 1024.0 / MemoryPages;
        Console.WriteLine($"  {screen}: {perCircuit:0} KB per circuit");
        return new MemoryResult(screen, MemoryPages, perCircuit, target);
    }

    /// <summary>
    /// For finding what a circuit holds (BENCHMARK_DUMP=1): waits while someone runs dotnet-gcdump collect -p on this
    /// process, before and after the pages open, until /tmp/benchmark-continue appears.
    /// </summary>
    private static void PauseForDump(string state)
    {
        if (Environment.GetEnvironmentVariable("BENCHMARK_DUMP") != "1") return;
        Console.WriteLine($"  {state}; process {Environment.ProcessId}; touch /tmp/benchmark-continue to go on");
        while (!File.Exists("/tmp/benchmark-continue")) Thread.Sleep(500);
        File.Delete("/tmp/benchmark-continue");
    }

    private const string WatchRows = """
        () => {
          window.__seen = {};
          const look = () => {
            for (const link of document.querySelectorAll('[data-testid=hub-row-name]')) {
              const name = link.textContent.trim();
              if (window.__seen[name]) continue;
              const status = link.closest('tr')?.querySelector('[data-testid=approval-status]');
              if (status && status.textContent.includes('Approved')) window.__seen[name] = performance.timeOrigin + performance.now();
            }
          };
          window.__mut = { added: 0, removed: 0, text: 0, attrs: 0 };
          new MutationObserver(list => {
            for (const m of list) {
              if (m.type === 'childList') { window.__mut.added += m.addedNodes.length; window.__mut.removed += m.removedNodes.length; }
              else if (m.type === 'characterData') window.__mut.text++;
              else window.__mut.attrs++;
            }
            look();
          }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;

    private static async Task<Timing> ClickToRowAsync(IBrowser browser, PortalOnKestrel portal, string staffState, string clientState,
        List<(int DocumentId, int RequestId, string Name)> decisions)
    {
        var staff = await OpenAsync(browser, portal.BaseUrl, staffState, "/documents", "[data-testid=hub-table] tbody tr");
        await staff.EvaluateAsync(WatchRows);
        if (Environment.GetEnvironmentVariable("BENCHMARK_VERBOSE") == "1")
            Console.WriteLine($"  staff page: {await staff.EvaluateAsync<int>("() => document.body.innerHTML.length")} characters of HTML, {await staff.EvaluateAsync<int>("() => document.querySelectorAll('*').length")} elements");
        if (Environment.GetEnvironmentVariable("BENCHMARK_VERBOSE") == "1")
        {
            var staffUser = await portal.UserAsync(DemoLogins.Staff.Email, staff: true);
            var hub = portal.Get<ApprovalsPortal.Features.DocumentsHub.DocumentsHubService>();
            var a = await hub.QueryAsync(staffUser, new ApprovalsPortal.Features.DocumentsHub.HubFilter(), 0, 50);
            var b = await hub.QueryAsync(staffUser, new ApprovalsPortal.Features.DocumentsHub.HubFilter(), 0, 50);
            Console.WriteLine($"  rows equal across two queries: {a.Items.Zip(b.Items).Count(p => p.First.Equals(p.Second))} of {a.Items.Count}; first: {a.Items[0]}");
        }
        var client = await OpenAsync(browser, portal.BaseUrl, clientState, "/portal", "[data-testid=portal-documents]");
        var events = portal.Get<PortalEvents>();
        var samples = new List<double>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var (documentId, _, name) = decisions[i];
            await Task.Delay(1000);
            await client.GotoAsync($"/portal/documents/{documentId}");
            await client.GetByTestId("approve-button").ClickAsync();
            var confirm = client.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Approve" });
            await confirm.WaitForAsync();
            // The moment of the click, on the browser's clock.
            await client.EvaluateAsync("() => document.addEventListener('click', () => { window.__clickAt = performance.timeOrigin + performance.now(); }, { capture: true, once: true })");
            var committed = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = events.Subscribe(e =>
            {
                if (e.Kind == PortalEventKind.ItemCompleted) committed.TrySetResult(EpochMilliseconds());
                return Task.CompletedTask;
            });
            var mark = Stopwatch.GetTimestamp();
            var markEpoch = EpochMilliseconds();
            await confirm.ClickAsync();
            await staff.WaitForFunctionAsync("n => window.__seen[n] !== undefined", name, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
            var clickAt = await client.EvaluateAsync<double>("() => window.__clickAt");
            var seenAt = await staff.EvaluateAsync<double>("n => window.__seen[n]", name);
            if (i >= WarmUp) samples.Add(seenAt - clickAt);
            if (Environment.GetEnvironmentVariable("BENCHMARK_VERBOSE") == "1")
            {
                // Where the time goes, on the machine's clock: click → commit → batches sent → row shown.
                var commitAt = await committed.Task.WaitAsync(TimeSpan.FromSeconds(10));
                var batches = portal.Batches.Since(mark).Select(b => (At: markEpoch + Stopwatch.GetElapsedTime(mark, b.At).TotalMilliseconds, b.Bytes, b.Connection))
                    .Where(b => b.At <= seenAt + 1).Select(b => $"{b.At - clickAt:0}ms/{b.Bytes}B/{b.Connection[..4]}");
                Console.WriteLine($"  {name}: commit at {commitAt - clickAt:0} ms; batches {string.Join(" ", batches)}; shown at {seenAt - clickAt:0} ms; DOM changes {await staff.EvaluateAsync<string>("() => { const m = JSON.stringify(window.__mut); window.__mut = { added: 0, removed: 0, text: 0, attrs: 0 }; return m; }")}");
            }
        }
        await staff.Context.CloseAsync();
        await client.Context.CloseAsync();
        return Statistics.FromSamples("Client's confirm click → row shows Approved in staff's open hub (browser)", samples);
    }

    private static double EpochMilliseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task<(Timing Server, Timing Browser)> FanOutAsync(IBrowser browser, PortalOnKestrel portal, string staffState, List<(int DocumentId, int RequestId, string Name)> decisions)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < FanOutPages; i++)
        {
            var page = await OpenAsync(browser, portal.BaseUrl, staffState, "/documents", "[data-testid=hub-table] tbody tr", reducedMotion: true);
            await page.EvaluateAsync(WatchRows);
            pages.Add(page);
        }
        await Task.Delay(2000);
        var client = await portal.UserAsync(DemoLogins.Client.Email, staff: false);
        var events = portal.Get<PortalEvents>();
        var decide = portal.Get<ClientApprovalService>();
        var serverSamples = new List<double>();
        var browserSamples = new List<double>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var (_, requestId, name) = decisions[i];
            // Decisions a few seconds apart, as clients make them: the pages are idle when the next one comes.
            await Task.Delay(2500);
            var committed = new TaskCompletionSource<(long Timestamp, double Epoch)>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (events.Subscribe(e =>
            {
                // The event is published after the commit: the start of the fan-out, on both clocks.
                if (e.Kind == PortalEventKind.ItemCompleted) committed.TrySetResult((Stopwatch.GetTimestamp(), EpochMilliseconds()));
                return Task.CompletedTask;
            }))
            {
                await decide.ApproveAsync(client, requestId);
                var (at, atEpoch) = await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
                var shown = new List<double>();
                foreach (var page in pages)
                {
                    await page.WaitForFunctionAsync("n => window.__seen[n] !== undefined", name, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 100 });
                    shown.Add(await page.EvaluateAsync<double>("n => window.__seen[n]", name));
                }
                // The browsers' clock is the machine's: the moment the last page showed the row, on the server's clock.
                var allShown = shown.Max() - atEpoch;
                var until = at + (long)(allShown / 1000 * Stopwatch.Frequency);
                // Each circuit's last render batch before then carried the row (later ones, such as the highlight
                // fading 2.5 s on, belong to something else).
                var last = portal.Batches.Since(at).Where(b => b.At <= until).GroupBy(b => b.Connection).Select(g => g.Max(b => b.At)).ToList();
                if (Environment.GetEnvironmentVariable("BENCHMARK_VERBOSE") == "1")
                {
                    var times = last.Select(t => Stopwatch.GetElapsedTime(at, t).TotalMilliseconds).Order().ToList();
                    Console.WriteLine($"  {name}: {times.Count} circuits, last batches at {string.Join(" ", times.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms; all pages showed it at {allShown:0} ms");
                }
                if (i < WarmUp) continue;
                if (last.Count < FanOutPages) Console.WriteLine($"  only {last.Count} circuits logged a batch for {name}");
                serverSamples.Add(Stopwatch.GetElapsedTime(at, last.Max()).TotalMilliseconds);
                browserSamples.Add(allShown);
            }
        }
        foreach (var page in pages) await page.Context.CloseAsync();
        return (Statistics.FromSamples($"Decision committed → last of {FanOutPages} staff circuits sent its render batch (server)", serverSamples),
                Statistics.FromSamples($"Decision committed → last of {FanOutPages} staff pages shows it (browser)", browserSamples));
    }
}
