using System.Security.Cryptography;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// "backup" and "restore", run as the operator runs them: the real program as a process, next to a portal that is
/// running and writing. Long waits: each command starts a fresh process while the suite keeps both cores busy.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(180);
    private readonly PortalAppFactory app = new();
    private readonly TempDataFolder backups = new();
    private readonly TempDataFolder restored = new();

    [Fact]
    public async Task A_running_portal_under_writes_is_backed_up_and_restored_into_a_fresh_folder_with_every_document_intact()
    {
        var before = await DocumentCountAsync();
        using var writing = new CancellationTokenSource();
        var uploaded = 0;
        var writer = Task.Run(async () =>
        {
            var (staff, accountId, folderId) = await UploaderAsync();
            using var scope = app.Services.CreateScope();
            var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();
            for (var i = 0; !writing.IsCancellationRequested; i++)
            {
                using var content = new MemoryStream(SampleFiles.Text($"Written during the backup, number {i}.\n"));
                var outcome = await documents.UploadAsync(staff, new UploadRequest(accountId, folderId, $"During backup {i}.txt", content.Length, ""), content, null);
                Assert.True(outcome.Succeeded, outcome.Error);
                Interlocked.Increment(ref uploaded);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref uploaded) >= 3);

        var backup = await RunAsync("backup", backups.Path, app.DataFolder);
        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.Contains("Backed up to", backup.Output);
        await WaitUntilAsync(() => Volatile.Read(ref uploaded) >= 6);
        await writing.CancelAsync();
        await writer;

        var folder = Assert.Single(Directory.GetDirectories(backups.Path));
        Assert.Matches(@"approvals-portal-\d{8}-\d{6}$", folder);
        var restore = await RunAsync("restore", folder, restored.Path);
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Contains("Restored the backup", restore.Output);

        // Every document of the restored database has its bytes, with the hash and size it was saved with...
        var restoredDocuments = await DocumentsAsync(restored.Path);
        Assert.True(restoredDocuments.Count >= before + 3, $"The backup holds {restoredDocuments.Count} documents; {before + 3} existed before it began.");
        foreach (var document in restoredDocuments)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(restored.Path, "files", document.Sha256[..2], document.Sha256));
            Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(document.SizeBytes, bytes.LongLength);
        }
        // ...and is the running portal's document of that id, not a half-written one.
        var source = (await DocumentsAsync(app.DataFolder)).ToDictionary(d => d.Id);
        foreach (var document in restoredDocuments) Assert.Equal(source[document.Id], document);

        // The restored folder runs as a portal.
        using var portal = new PortalProcess(new Dictionary<string, string> { ["Portal__DataFolder"] = restored.Path });
        await portal.WaitUntilListeningAsync(CommandWait);
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        var health = await http.WhenHealthyAsync();
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restore_refuses_to_replace_the_data_of_a_running_portal_and_a_second_portal_refuses_to_share_it()
    {
        var backup = await RunAsync("backup", backups.Path, app.DataFolder);
        Assert.True(backup.ExitCode == 0, backup.Output);

        // A document written after the backup: a restore that replaced the data would lose it.
        var (staff, accountId, folderId) = await UploaderAsync();
        using (var scope = app.Services.CreateScope())
        using (var content = new MemoryStream(SampleFiles.Text("Written after the backup.\n")))
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<DocumentService>()
                .UploadAsync(staff, new UploadRequest(accountId, folderId, "After the backup.txt", content.Length, ""), content, null);
            Assert.True(outcome.Succeeded, outcome.Error);
        }
        var before = await DocumentsAsync(app.DataFolder);

        var restore = await RunAsync("restore", Directory.GetDirectories(backups.Path).Single(), app.DataFolder);
        Assert.True(restore.ExitCode == 1, restore.Output);
        Assert.Contains("The portal is running", restore.Output);
        Assert.Equal(before, await DocumentsAsync(app.DataFolder));
        Assert.Contains(before, d => d.Name == "After the backup.txt");

        using var second = new PortalProcess(new Dictionary<string, string> { ["Portal__DataFolder"] = app.DataFolder });
        Assert.Equal(1, await second.WaitForExitAsync(CommandWait));
        Assert.Contains("Another ApprovalsPortal is running on the data folder", second.Output);
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_anything_is_replaced()
    {
        var backup = await app.Services.GetRequiredService<PortalBackup>().BackupAsync(backups.Path);
        var stored = Directory.EnumerateFiles(Path.Combine(backup.Folder, "files"), "*", SearchOption.AllDirectories).First();
        await File.AppendAllTextAsync(stored, "changed");

        var restore = await RunAsync("restore", backup.Folder, restored.Path);

        Assert.True(restore.ExitCode == 1, restore.Output);
        Assert.Contains("no longer matches its content's hash", restore.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(restored.Path));
    }

    [Fact]
    public async Task A_backup_kept_inside_the_data_folder_it_would_replace_is_refused()
    {
        var backup = await app.Services.GetRequiredService<PortalBackup>().BackupAsync(backups.Path);
        File.WriteAllText(Path.Combine(restored.Path, "portal.db"), "the data that is there");
        var inside = Path.Combine(restored.Path, "backups", Path.GetFileName(backup.Folder));
        CopyTree(backup.Folder, inside);

        var restore = await RunAsync("restore", inside, restored.Path);

        Assert.True(restore.ExitCode == 1, restore.Output);
        Assert.Contains("which a restore replaces. Move the backup out of it first.", restore.Output);
        Assert.Equal("the data that is there", File.ReadAllText(Path.Combine(restored.Path, "portal.db")));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task A_command_without_its_folder_says_how_to_use_it()
    {
        var usage = await RunAsync("backup", null, app.DataFolder);
        Assert.True(usage.ExitCode == 2, usage.Output);
        Assert.Contains("Usage: ApprovalsPortal backup <folder>", usage.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string? folder, string dataFolder)
    {
        using var process = new PortalProcess(new Dictionary<string, string> { ["Portal__DataFolder"] = dataFolder }, arguments: folder is null ? [command] : [command, folder]);
        var exitCode = await process.WaitForExitAsync(CommandWait);
        return (exitCode, process.Output);
    }

    private async Task<(PortalUser Staff, int AccountId, int FolderId)> UploaderAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var user = await db.Users.Where(u => u.Email == DemoLogins.Staff.Email).Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        var accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();
        var folderId = await db.Folders.Where(f => f.ClientAccountId == accountId && f.Name == Folder.DefaultSharedName).Select(f => f.Id).SingleAsync();
        return (new PortalUser(user.Id, user.DisplayName, false, true, false), accountId, folderId);
    }

    private async Task<int> DocumentCountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Documents.IgnoreQueryFilters().CountAsync();
    }

    private sealed record StoredDocument(int Id, string Name, string Sha256, long SizeBytes);

    private static async Task<List<StoredDocument>> DocumentsAsync(string dataFolder)
    {
        await using var db = PortalProcess.OpenDatabase(dataFolder);
        return await db.Documents.IgnoreQueryFilters().OrderBy(d => d.Id).Select(d => new StoredDocument(d.Id, d.Name, d.Sha256, d.SizeBytes)).ToListAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold within two minutes.");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        backups.Dispose();
        restored.Dispose();
    }
}
