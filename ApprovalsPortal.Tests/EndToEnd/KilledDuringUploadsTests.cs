using System.Security.Cryptography;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

/// <summary>
/// The real program killed with SIGKILL while staff upload files in the browser and a client approves: started
/// again, every document it knows has its bytes, no half-written file is in the store, the decision is whole or
/// absent, and no email reaches the mail server twice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KilledDuringUploadsTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);
    private const int Files = 12;
    private readonly TempDataFolder data = new();
    private readonly TempDataFolder uploads = new();
    private readonly SmtpSink sink = SmtpSink.Start();

    [Fact]
    public async Task Nothing_committed_is_lost_and_nothing_is_half_written_after_a_kill_during_uploads_and_a_decision()
    {
        var (accountId, documentId) = await PrepareAsync();
        var before = await CountDocumentsAsync();
        IReadOnlyList<int> committed;
        bool clientToldApproved;
        var environment = sink.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Portal__DataFolder"] = data.Path;
        var paths = Enumerable.Range(0, Files).Select(i =>
        {
            var path = Path.Combine(uploads.Path, $"Ledger {i}.txt");
            // About half a megabyte each, so the upload is still streaming when the process dies.
            File.WriteAllText(path, string.Concat(Enumerable.Repeat($"Ledger {i}: opening balance, receipts, payments, closing balance.\n", 8000)));
            return path;
        }).ToArray();

        using (var first = new PortalProcess(environment))
        {
            await first.WaitUntilListeningAsync(Wait);
            var client = await browser.NewPageAsync(first.BaseUrl);
            await client.SignInAsync(DemoLogins.Client.Email);
            await client.GotoAsync($"/portal/documents/{documentId}");
            await Expect(client.GetByTestId("approve-button")).ToBeVisibleAsync();

            var staff = await browser.NewPageAsync(first.BaseUrl);
            await staff.SignInAsync(DemoLogins.Staff.Email);
            await staff.GotoAsync($"/accounts/{accountId}?tab=documents");
            await staff.GetByTestId("upload-button").ClickAsync();
            var files = staff.Locator(".mud-dialog input[type=file]").Last;
            await files.WaitUntilBlazorListensAsync();
            await files.SetInputFilesAsync(paths);
            await Expect(staff.GetByTestId("upload-item")).ToHaveCountAsync(Files);
            // Watched from before the upload starts: the process dies while a file is still streaming into staging.
            var streaming = first.WaitUntilAsync(() => Task.FromResult(Staged().Any(f => f.Length > 0)), Wait);
            await staff.GetByTestId("upload-submit").DispatchClickAsync();

            // The client approves while the files arrive.
            await client.GetByTestId("approve-button").ClickAsync();
            await client.ClickInDialogAsync("Approve");
            await streaming;
            // What the portal had committed, and told the client, just before it dies: all of it must survive.
            committed = await DocumentIdsAsync();
            clientToldApproved = await client.GetByTestId("decision-confirmation").Filter(new() { HasText = "You approved this document" }).CountAsync() > 0;
            first.Kill();
        }

        using (var second = new PortalProcess(environment))
        {
            await second.WaitUntilListeningAsync(Wait);
            await second.WaitUntilAsync(async () => await PendingMailAsync() == 0, Wait);
        }

        await using var db = Db();
        // Nothing committed before the kill is lost, and the upload is all there or not at all (its files are saved together).
        var after = await DocumentIdsAsync();
        Assert.Empty(committed.Except(after));
        Assert.Contains(after.Count - before, new[] { 0, Files });
        // Every document has its bytes, as hashed when it was written.
        foreach (var document in await db.Documents.IgnoreQueryFilters().AsNoTracking().ToListAsync())
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(data.Path, "files", document.Sha256[..2], document.Sha256));
            Assert.Equal((document.Sha256, document.SizeBytes), (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength));
        }
        // No file in the store is half-written (each is named by its content's hash), and nothing is left staging.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(data.Path, "files"), "*", SearchOption.AllDirectories))
            Assert.Equal(Path.GetFileName(file), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))));
        Assert.Empty(Directory.Exists(Path.Combine(data.Path, "tmp")) ? Directory.EnumerateFiles(Path.Combine(data.Path, "tmp")) : []);
        // The decision is whole or absent: approved with its trail entry, or still waiting without one.
        var request = await db.ApprovalRequests.Include(r => r.Item).AsNoTracking().SingleAsync(r => r.DocumentId == documentId);
        var completed = await db.AuditEvents.CountAsync(a => a.ActionItemId == request.Item.Id && a.Action == Features.Audit.AuditAction.Completed);
        Assert.True(request.Status == ApprovalStatus.Approved ? completed == 1 : request.Status == ApprovalStatus.Pending && completed == 0,
            $"The request is {request.Status} with {completed} completion entries.");
        Assert.True(!clientToldApproved || request.Status == ApprovalStatus.Approved, "The client was told of an approval that did not survive.");
        // No email twice, and every message the portal marked sent reached the server.
        var received = sink.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Empty(db.OutboxMessages.Where(m => m.Status == Features.Email.OutboxStatus.Sent).Select(m => m.MessageId).AsEnumerable().Except(received));
    }

    /// <summary>The demo firm, with the client's annual accounts waiting for her approval.</summary>
    private async Task<(int AccountId, int DocumentId)> PrepareAsync()
    {
        await using var portal = await PortalServices.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = data.Path,
            ["Portal:SeedDemoData"] = "true",
        });
        await using var db = portal.NewDb();
        var staffId = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => u.Id).SingleAsync();
        var accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var documentId = await db.Documents.Where(d => d.Name == "2026 Annual Accounts.pdf").Select(d => d.Id).SingleAsync();
        var staff = new PortalUser(staffId, DemoLogins.Staff.Name, false, true, false);
        var state = await portal.Get<ApprovalService>().GetStateAsync(staff, documentId);
        if (!state.IsPending) await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("Please approve.", false, 3, 1));
        return (accountId, documentId);
    }

    private AppDbContext Db() => PortalProcess.OpenDatabase(data.Path);

    private async Task<int> CountDocumentsAsync()
    {
        await using var db = Db();
        return await db.Documents.IgnoreQueryFilters().CountAsync();
    }

    private IEnumerable<FileInfo> Staged()
    {
        var staging = new DirectoryInfo(Path.Combine(data.Path, "tmp"));
        return staging.Exists ? staging.EnumerateFiles() : [];
    }

    private async Task<IReadOnlyList<int>> DocumentIdsAsync()
    {
        await using var db = Db();
        return await db.Documents.IgnoreQueryFilters().Select(d => d.Id).ToListAsync();
    }

    private async Task<int> PendingMailAsync()
    {
        await using var db = Db();
        return await db.OutboxMessages.CountAsync(m => m.Status == Features.Email.OutboxStatus.Pending || m.Status == Features.Email.OutboxStatus.Sending);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose()
    {
        sink.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Dispose();
        uploads.Dispose();
    }
}
