using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ApprovalsPortal.Benchmarks;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.AccountsHub;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.DocumentsHub;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The performance budget of DESIGN.md §7, measured on a generated firm: the staff list pages through the portal's
// own services against the same queries written by hand, and a client's decision reaching another subscriber.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var output = args.FirstOrDefault() ?? Path.Combine(Directory.GetCurrentDirectory(), "benchmarks", "results.md");
if (Environment.GetEnvironmentVariable("BENCHMARK_ONLY") == "browser")
{
    // For working on live updates and memory: only the browser measurements, printed, not written.
    Console.WriteLine(Report.RenderBrowser(await BrowserBenchmark.RunAsync()));
    return;
}
var dataFolder = Path.Combine(Path.GetTempPath(), "approvals-portal-benchmark", Guid.NewGuid().ToString("N"));

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Portal:DataFolder"] = dataFolder,
    ["Portal:SeedDemoData"] = "false",
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:Microsoft"] = "Error",
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddPortal();
await using var app = builder.Build();
await app.PreparePortalAsync();
var services = app.Services;
T Get<T>() where T : notnull => services.CreateScope().ServiceProvider.GetRequiredService<T>();

Console.WriteLine("Building the data set…");
var build = Stopwatch.StartNew();
var users = Get<UserAdministration>();
var staff = new List<(string Id, string Name)>();
for (var i = 1; i <= 10; i++)
{
    await users.CreateUserAsync($"Staff Member {i}", $"staff{i}@firm.test", "benchmark-password", i == 1 ? Roles.Admin : Roles.Staff);
    await using var lookup = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
    staff.Add((await lookup.Users.Where(u => u.Email == $"staff{i}@firm.test").Select(u => u.Id).SingleAsync(), $"Staff Member {i}"));
}
await using (var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
{
    DataSet.Build(db, staff, DateTime.UtcNow);
}
var actor = new PortalUser(staff[0].Id, staff[0].Name, true, false, false);

// One more account whose client decides, for the latency measurement.
var accountsService = Get<AccountService>();
var benchAccount = await accountsService.CreateAsync(actor, "Benchmark Decisions Ltd");
await Get<ContactService>().SaveAsync(actor, new ContactInput(null, benchAccount, "Decider", "decider@bench.test", true, true));
var sharedFolder = (await Get<DocumentService>().ListFoldersAsync(actor, benchAccount)).Single(f => f.Access == FolderAccess.ClientCanView).Id;
var decisionRuns = 230;
var requestIds = new List<int>();
for (var i = 0; i < decisionRuns; i++)
{
    await using var file = new MemoryStream(ApprovalsPortal.Features.Demo.SamplePdf.Create($"Decision {i}", ["x"]));
    var upload = await Get<ApprovalsPortal.Features.Documents.DocumentService>().UploadAsync(actor,
        new ApprovalsPortal.Features.Documents.UploadRequest(benchAccount, sharedFolder, $"Decision {i}.pdf", file.Length, ""), file, null);
    requestIds.Add(await Get<ApprovalService>().RequestAsync(actor, upload.DocumentId!.Value, new ApprovalInput("", false, 3, 1)));
}
string deciderId;
await using (var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
{
    deciderId = await db.Users.Where(u => u.Email == "decider@bench.test").Select(u => u.Id).SingleAsync();
    await db.Database.ExecuteSqlRawAsync("ANALYZE;");
}
var decider = new PortalUser(deciderId, "Decider", false, false, true);
Console.WriteLine($"Built in {build.Elapsed.TotalSeconds:0.0} s");

// The busiest client for the "one client" filter: the account with the most pending requests.
int busyAccount;
await using (var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
{
    busyAccount = await db.ActionItems.Where(i => i.Status == ActionItemStatus.Pending && i.ClientAccountId != benchAccount)
        .GroupBy(i => i.ClientAccountId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
}

var hub = Get<DocumentsHubService>();
if (Environment.GetEnvironmentVariable("BENCHMARK_SHOW_SQL") == "1")
{
    // For looking at query plans: the SQL the portal sends for the pending-approvals page.
    await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
    var pendingFilter = new HubFilter { Tab = HubTab.Approvals, Statuses = new HashSet<HubStatus> { HubStatus.PendingApproval } };
    var query = DocumentsHubService.Filter(db, pendingFilter, DateTime.UtcNow)!;
    Console.WriteLine(DocumentsHubService.Page(query.Rows(db), pendingFilter.EffectiveSort, 0, 50).ToQueryString());
}
var sql = new HandWrittenSql(DataServiceExtensions.ConnectionStringFor(Path.Combine(dataFolder, "portal.db")));
var since = DateTime.UtcNow.AddDays(-DocumentsHubService.RecentDays);
var pendingOnly = new HashSet<HubStatus> { HubStatus.PendingApproval };

var pairs = new List<(Timing Portal, Timing Sql)>
{
    (await Statistics.MeasureAsync("Recent (last 30 days)", () => hub.ReadPageAsync(actor, new HubFilter(), 0, 50)),
     await Statistics.MeasureAsync("Recent (last 30 days)", () => sql.RecentAsync(since))),
    (await Statistics.MeasureAsync("Approvals: Pending approval", () => hub.ReadPageAsync(actor, new HubFilter { Tab = HubTab.Approvals, Statuses = pendingOnly }, 0, 50)),
     await Statistics.MeasureAsync("Approvals: Pending approval", () => sql.PendingApprovalsAsync(null))),
    (await Statistics.MeasureAsync("Approvals: Pending approval, one client", () => hub.ReadPageAsync(actor, new HubFilter { Tab = HubTab.Approvals, Statuses = pendingOnly, AccountId = busyAccount }, 0, 50)),
     await Statistics.MeasureAsync("Approvals: Pending approval, one client", () => sql.PendingApprovalsAsync(busyAccount))),
    (await Statistics.MeasureAsync("Accounts with pending approvals", () => Get<AccountsHubService>().ListAsync(actor, new AccountQuery(null, false, 0, 50, new HashSet<AccountApprovalFilter> { AccountApprovalFilter.PendingApproval }))),
     await Statistics.MeasureAsync("Accounts with pending approvals", () => sql.AccountsWithPendingAsync())),
};

// A client decides; another subscriber of the hub (a staff screen) hears of it, then re-queries its list.
var events = services.GetRequiredService<PortalEvents>();
var decisions = Get<ClientApprovalService>();
var arrived = new List<double>();
var refreshed = new List<double>();
for (var i = 0; i < decisionRuns; i++)
{
    var heard = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
    var listed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
    using var subscription = events.Subscribe(async e =>
    {
        if (e.Kind != PortalEventKind.ItemCompleted) return;
        heard.TrySetResult(Stopwatch.GetTimestamp());
        await hub.ReadPageAsync(actor, new HubFilter { Tab = HubTab.Approvals, Statuses = pendingOnly }, 0, 50);
        listed.TrySetResult(Stopwatch.GetTimestamp());
    });
    var start = Stopwatch.GetTimestamp();
    await decisions.ApproveAsync(decider, requestIds[i]);
    var heardAt = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
    var listedAt = await listed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    if (i < 30) continue; // warm-up
    arrived.Add(Stopwatch.GetElapsedTime(start, heardAt).TotalMilliseconds);
    refreshed.Add(Stopwatch.GetElapsedTime(start, listedAt).TotalMilliseconds);
}
var decisionToEvent = Statistics.FromSamples("Decision committed → event at another subscriber", arrived);
var decisionToList = Statistics.FromSamples("Decision committed → that subscriber's list re-queried", refreshed);

// The reminder sweep: 10,000 reminders fall due at once across the 2,000 accounts; one sweep turns them into outbox
// messages (an email per notified contact, rendered from its template) in the same transactions that move each schedule.
var sweepNow = DateTime.UtcNow;
await using (var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
{
    var due = DataSet.Unrequested.GroupBy(d => d.ClientAccountId).SelectMany(g => g.Take(5)).Take(SweepBenchmark.DueReminders).ToList();
    await SweepBenchmark.MakeDueAsync(db, due, staff, sweepNow);
}
var sweepClock = Stopwatch.StartNew();
var reminded = await Get<ReminderSweep>().SweepAsync();
var sweep = new SweepResult(reminded, sweepClock.Elapsed.TotalSeconds, await SweepBenchmark.CountOutboxAsync(Get<IDbContextFactory<AppDbContext>>()),
    await SweepBenchmark.CountAccountsAsync(Get<IDbContextFactory<AppDbContext>>()));

// The jobs board: 5,000 active jobs in one pipeline; a page of cards of its busiest column, and the whole board.
var stageIds = JobBoardBenchmark.Build(DataServiceExtensions.ConnectionStringFor(Path.Combine(dataFolder, "portal.db")), staff, DateTime.UtcNow);
int busiestStage, boardPipeline;
await using (var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
{
    busiestStage = await db.Jobs.Where(j => j.ArchivedAt == null).GroupBy(j => j.StageId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
    boardPipeline = await db.PipelineStages.Where(s => s.Id == stageIds[0]).Select(s => s.PipelineId).SingleAsync();
}
var jobsService = Get<ApprovalsPortal.Features.Jobs.JobService>();
var boardPairs = new List<(Timing Portal, Timing Sql)>
{
    (await Statistics.MeasureAsync("Board column: a page of 50 cards", () => jobsService.GetColumnAsync(actor, busiestStage, 0)),
     await Statistics.MeasureAsync("Board column: a page of 50 cards", () => sql.BoardColumnAsync(busiestStage))),
};
var wholeBoard = await Statistics.MeasureAsync("Whole board (4 columns, counts and first pages)", () => jobsService.GetBoardAsync(actor, boardPipeline));

await app.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
var browserResults = await BrowserBenchmark.RunAsync();

var report = Report.Render(pairs, [decisionToEvent, decisionToList], sweep, boardPairs, wholeBoard) + Environment.NewLine + Report.RenderBrowser(browserResults);
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report);
Console.WriteLine($"Written to {output}");

if (Environment.GetEnvironmentVariable("BENCHMARK_KEEP_DATA") == "1")
{
    Console.WriteLine($"Data kept in {dataFolder}");
    return;
}
try
{
    Directory.Delete(dataFolder, recursive: true);
}
catch (IOException)
{
}

/// <summary>The Markdown table the README quotes.</summary>
internal static class Report
{
    public static string Render(IReadOnlyList<(Timing Portal, Timing Sql)> pairs, IReadOnlyList<Timing> latencies, SweepResult sweep,
        IReadOnlyList<(Timing Portal, Timing Sql)> board, Timing wholeBoard)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine()}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Data: {DataSet.Documents:N0} documents, {DataSet.Requests:N0} approval requests, {DataSet.Accounts:N0} accounts, {DataSet.Contacts:N0} contacts (SQLite, WAL, analyzed as `PRAGMA optimize` does at the next start). 50-row pages, each over {pairs[0].Portal.Runs} runs after warm-up; the live update over {latencies[0].Runs} decisions.");
        text.AppendLine();
        text.AppendLine("| list page | portal p50 | portal p95 | hand-written SQL p50 | SQL p95 | p95 ratio | target (p95 < 20 ms, ratio ≤ 1.5) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        PairRows(text, pairs, 20);
        text.AppendLine();
        text.AppendLine("| live update | p50 | p95 | target (p95 < 200 ms) |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        foreach (var latency in latencies)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {latency.Name} | {latency.P50:0.00} ms | {latency.P95:0.00} ms | {(latency.P95 < 200 ? "met" : $"missed by {latency.P95 - 200:0.0} ms")} |");
        text.AppendLine();
        text.AppendLine("| reminder sweep | reminders | accounts | outbox messages written | time | target (< 5 s, one sweep) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Due reminders → outbox messages | {sweep.Reminders:N0} | {sweep.Accounts:N0} | {sweep.Messages:N0} | {sweep.Seconds:0.00} s | {(sweep.Seconds < 5 ? "met" : $"missed by {sweep.Seconds - 5:0.00} s")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Jobs board: one pipeline of {JobBoardBenchmark.Stages.Length} stages with {JobBoardBenchmark.ActiveJobs:N0} active and {JobBoardBenchmark.ArchivedJobs:N0} archived jobs; the busiest column measured.");
        text.AppendLine();
        text.AppendLine("| jobs board | portal p50 | portal p95 | hand-written SQL p50 | SQL p95 | p95 ratio | target (p95 < 50 ms, ratio ≤ 1.5) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        PairRows(text, board, 50);
        text.AppendLine(CultureInfo.InvariantCulture, $"| {wholeBoard.Name} | {wholeBoard.P50:0.00} ms | {wholeBoard.P95:0.00} ms | | | | (for reference) |");
        return text.ToString();
    }

    /// <summary>The browser measurements: live latency through Chromium, the server's fan-out, memory per circuit.</summary>
    public static string RenderBrowser(BrowserResults results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Live updates and circuits, through headless Chromium against the portal on Kestrel (demo data, Production settings). Decisions: {results.ClickToRow.Runs} after {BrowserBenchmark.WarmUp} warm-up.");
        text.AppendLine();
        text.AppendLine("| live update in the browser | p50 | p95 | target |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {results.ClickToRow.Name} | {results.ClickToRow.P50:0.0} ms | {results.ClickToRow.P95:0.0} ms | p95 < 200 ms: {(results.ClickToRow.P95 < 200 ? "met" : $"missed by {results.ClickToRow.P95 - 200:0} ms")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {results.FanOut.Name} | {results.FanOut.P50:0.0} ms | {results.FanOut.P95:0.0} ms | < 100 ms: {(results.FanOut.P95 < 100 ? "met" : $"missed by {results.FanOut.P95 - 100:0} ms")} (p95) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {results.FanOutShown.Name} | {results.FanOutShown.P50:0.0} ms | {results.FanOutShown.P95:0.0} ms | (for reference: 25 pages of one Chromium on the same machine) |");
        text.AppendLine();
        text.AppendLine("| memory per idle circuit (managed heap after full collections) | circuits | per circuit | target |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        foreach (var m in results.Memory)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Screen} | {m.Circuits} | {m.KilobytesPerCircuit:0} KB | ≤ {m.TargetKilobytes:0} KB: {(m.KilobytesPerCircuit <= m.TargetKilobytes ? "met" : $"missed by {m.KilobytesPerCircuit - m.TargetKilobytes:0} KB")} |");
        return text.ToString();
    }

    /// <summary>One row per query: the portal against the same query by hand, and whether the p95 target and the 1.5 ratio hold.</summary>
    private static void PairRows(StringBuilder text, IReadOnlyList<(Timing Portal, Timing Sql)> pairs, double targetMs)
    {
        foreach (var (portal, sql) in pairs)
        {
            var ratio = portal.P95 / sql.P95;
            var over = portal.P95 >= targetMs;
            var met = !over && ratio <= 1.5 ? "met" : $"missed ({(over ? $"{portal.P95 - targetMs:0.0} ms over" : "")}{(over && ratio > 1.5 ? ", " : "")}{(ratio > 1.5 ? $"ratio {ratio:0.00}" : "")})";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {portal.Name} | {portal.P50:0.00} ms | {portal.P95:0.00} ms | {sql.P50:0.00} ms | {sql.P95:0.00} ms | {ratio:0.00} | {met} |");
        }
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
