using System.Collections.Concurrent;
using System.Diagnostics;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApprovalsPortal.Benchmarks;

/// <summary>
/// The real portal (Production settings, demo data) on Kestrel at a loopback port, in this process so that the
/// benchmark can read its managed heap and hear each circuit send its render batches (the renderer's own log).
/// </summary>
public sealed class PortalOnKestrel : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string dataFolder;

    private PortalOnKestrel(WebApplication app, string dataFolder, RenderBatchLog batches)
    {
        this.app = app;
        this.dataFolder = dataFolder;
        Batches = batches;
    }

    public RenderBatchLog Batches { get; }

    public IServiceProvider Services => app.Services;

    public string BaseUrl => app.Urls.First();

    public static async Task<PortalOnKestrel> StartAsync()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "approvals-portal-benchmark", "browser-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            // The portal's static web assets and components are found by its name, not this program's.
            ApplicationName = typeof(PortalHostExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = dataFolder,
            ["Portal:SeedDemoData"] = "true",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // A page's idle HTTP connections (Chromium opens about six per page for its files) belong to the browser's
        // connection pool, not to the circuit, and Kestrel keeps them for 130 s by default. Closed after 5 s here, so
        // that the memory per idle circuit is the circuit and its WebSocket. Nothing measured waits on them.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(5));
        var batches = new RenderBatchLog();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(batches);
        builder.Logging.AddFilter<RenderBatchLog>(RenderBatchLog.Category, LogLevel.Debug);
        builder.AddPortal();
        var app = builder.Build();
        await app.PreparePortalAsync();
        app.MapPortal();
        await app.StartAsync();
        return new PortalOnKestrel(app, dataFolder, batches);
    }

    public T Get<T>() where T : notnull => app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<PortalUser> UserAsync(string email, bool staff)
    {
        await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var user = await db.Users.Where(u => u.Email == email).Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        return new PortalUser(user.Id, user.DisplayName, false, staff, !staff);
    }

    /// <summary>Uploads PDFs to Northwind's shared folder and asks its client to approve each; returns (document id, request id, name).</summary>
    public async Task<List<(int DocumentId, int RequestId, string Name)>> PendingDecisionsAsync(int count)
    {
        var staff = await UserAsync(DemoLogins.Staff.Email, staff: true);
        await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var folder = (await Get<DocumentService>().ListFoldersAsync(staff, account)).First(f => f.Access == FolderAccess.ClientCanView).Id;
        var made = new List<(int, int, string)>();
        for (var i = 0; i < count; i++)
        {
            var name = $"Decision {i:00}.pdf";
            await using var file = new MemoryStream(SamplePdf.Create($"Decision {i}", ["A page to approve."]));
            var upload = await Get<DocumentService>().UploadAsync(staff, new UploadRequest(account, folder, name, file.Length, ""), file, null);
            var request = await Get<ApprovalService>().RequestAsync(staff, upload.DocumentId!.Value, new ApprovalInput("", false, 3, 1));
            made.Add((upload.DocumentId.Value, request, name));
        }
        return made;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Hears the Blazor Server renderer log each render batch it sends ("Sending render batch … to client …", a Debug
/// message of RemoteRenderer), with the time and the connection it went to.
/// </summary>
public sealed class RenderBatchLog : ILoggerProvider
{
    public const string Category = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteRenderer";

    private readonly ConcurrentQueue<(long At, string Connection, int Bytes)> sent = new();

    public IReadOnlyList<(long At, string Connection, int Bytes)> Since(long timestamp) => sent.Where(b => b.At >= timestamp).ToList();

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Listener(this) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Listener(RenderBatchLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
            string? connection = null;
            var bytes = 0;
            foreach (var (key, value) in values)
            {
                if (key == "ConnectionId") connection = value?.ToString();
                else if (key == "DataLength" && value is int length) bytes = length;
            }
            if (connection is not null && values.Any(v => v.Key == "BatchId")) log.sent.Enqueue((Stopwatch.GetTimestamp(), connection, bytes));
        }
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
