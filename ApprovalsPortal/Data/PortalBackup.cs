using System.Security.Cryptography;
using System.Text.Json;
using ApprovalsPortal.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Data;

/// <summary>
/// Backs up a portal's data folder into a dated folder, safely while the portal runs, and puts a backup back on a
/// stopped portal after checking it. A backup holds the database (SQLite's online backup: a consistent snapshot while
/// the portal keeps writing), the stored files (named by their SHA-256, so each is checked against its name), the
/// keys that protect cookies and emailed links, and a manifest.
/// </summary>
public sealed class PortalBackup(IOptions<PortalOptions> options, TimeProvider clock)
{
    public const string ManifestName = "backup.json";
    private const string DatabaseName = "portal.db";
    private const string FilesName = "files";
    private const string KeysName = "keys";

    public async Task<BackupResult> BackupAsync(string parentFolder, CancellationToken ct = default)
    {
        var portal = options.Value;
        if (!File.Exists(portal.DatabasePath))
            throw new BackupException($"There is no database to back up at {portal.DatabasePath}. Check Portal:DataFolder.");
        var target = Path.Combine(Path.GetFullPath(parentFolder), $"approvals-portal-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}");
        if (Directory.Exists(target)) throw new BackupException($"{target} exists already. Try again in a second.");
        // Written under another name and renamed when complete: a dated folder is always a whole backup.
        var partial = target + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        try
        {
            // The database first. Files reach the store before the row that names them is committed, and are never
            // removed, so every file this snapshot names is in the store when the files are copied next.
            await using (var source = new SqliteConnection(StandaloneConnection(portal.DatabasePath)))
            await using (var copy = new SqliteConnection(StandaloneConnection(Path.Combine(partial, DatabaseName))))
            {
                await source.OpenAsync(ct);
                await copy.OpenAsync(ct);
                // The online backup takes a read lock, which a writer mid-commit can refuse for a moment; SQLite's busy
                // handler waits for it (Microsoft.Data.Sqlite retries only its commands, not the backup call).
                await ExecuteAsync(source, $"PRAGMA busy_timeout={(int)BusyWait.TotalMilliseconds};", ct);
                source.BackupDatabase(copy);
                // One self-contained file: the copy leaves WAL mode (the portal turns it on again when it starts).
                await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE;", ct);
            }
            var files = await CopyFilesAsync(portal.FilesFolder, Path.Combine(partial, FilesName), ct);
            CopyKeys(Path.Combine(portal.DataFolderFullPath, KeysName), Path.Combine(partial, KeysName));

            var check = await CheckAsync(partial, hashFiles: false, ct);
            var manifest = new BackupManifest(1, clock.GetUtcNow().UtcDateTime, check.LastMigration, check.Documents, files.Count, files.Bytes);
            await File.WriteAllTextAsync(Path.Combine(partial, ManifestName), JsonSerializer.Serialize(manifest, ManifestJson), ct);
            Directory.Move(partial, target);
            return new BackupResult(target, manifest);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>Checks a backup and, if the portal is stopped, makes it the portal's data (the data there before is kept aside).</summary>
    public async Task<RestoreResult> RestoreAsync(string backupFolder, CancellationToken ct = default)
    {
        var folder = Path.GetFullPath(backupFolder);
        var manifestPath = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifestPath))
            throw new BackupException($"{folder} is not a backup: it has no {ManifestName}. Give the dated folder that \"backup\" wrote.");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, ct), ManifestJson)
            ?? throw new BackupException($"{manifestPath} cannot be read.");
        var portal = options.Value;
        var data = portal.DataFolderFullPath;
        if (folder.StartsWith(Path.TrimEndingDirectorySeparator(data) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BackupException($"{folder} is inside the data folder {data}, which a restore replaces. Move the backup out of it first.");
        var check = await CheckAsync(folder, hashFiles: true, ct);

        string? keptAside = null;
        using (var held = DataFolderLock.TryAcquire(data) ?? throw new BackupException($"The portal is running on {data}. Stop it first, then restore."))
        {
            if (Directory.EnumerateFileSystemEntries(data).Any(e => Path.GetFileName(e) != DataFolderLock.FileName))
            {
                keptAside = $"{data}.before-restore-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}";
                Directory.CreateDirectory(keptAside);
                try
                {
                    MoveEntries(data, keptAside);
                }
                catch
                {
                    // Nothing of the backup is in yet: what was moved aside goes back, and the data is as it was.
                    MoveEntries(keptAside, data);
                    Directory.Delete(keptAside);
                    throw;
                }
            }
            try
            {
                File.Copy(Path.Combine(folder, DatabaseName), portal.DatabasePath);
                await CopyFilesAsync(Path.Combine(folder, FilesName), portal.FilesFolder, ct);
                CopyKeys(Path.Combine(folder, KeysName), Path.Combine(data, KeysName));
            }
            catch
            {
                // A restore that fails half-way (a full disk) puts the data that was there back, as if never begun.
                PutBack(data, keptAside);
                throw;
            }
        }
        return new RestoreResult(data, keptAside, manifest, check.Documents);
    }

    private static void PutBack(string data, string? keptAside)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(data).Where(e => Path.GetFileName(e) != DataFolderLock.FileName).ToList())
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
        if (keptAside is null) return;
        MoveEntries(keptAside, data);
        Directory.Delete(keptAside);
    }

    /// <summary>Moves a folder's files and folders into another, all but the data-folder lock (held by the restore).</summary>
    private static void MoveEntries(string from, string to)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(from).Where(e => Path.GetFileName(e) != DataFolderLock.FileName).ToList())
        {
            var target = Path.Combine(to, Path.GetFileName(entry));
            if (Directory.Exists(entry)) Directory.Move(entry, target);
            else File.Move(entry, target);
        }
    }

    /// <summary>
    /// The database passes SQLite's integrity check and holds no migration this version does not know; every file
    /// it names is there; and, when asked, every file's content still matches its name.
    /// </summary>
    private static async Task<BackupCheck> CheckAsync(string folder, bool hashFiles, CancellationToken ct)
    {
        var database = Path.Combine(folder, DatabaseName);
        if (!File.Exists(database)) throw new BackupException($"The backup has no {DatabaseName}.");
        var filesFolder = Path.Combine(folder, FilesName);
        await using var connection = new SqliteConnection(StandaloneConnection(database));
        await connection.OpenAsync(ct);

        var integrity = await ScalarAsync(connection, "PRAGMA integrity_check;", ct);
        if (integrity != "ok") throw new BackupException($"The backup's database is damaged ({integrity}).");

        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options);
        var known = db.Database.GetMigrations().ToHashSet();
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new BackupException($"The backup comes from a newer version of the portal (migration {unknown[^1]}). Install that version or a later one, then restore.");

        // Every column named Sha256 names a stored file: documents, signed copies, answers' uploads.
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null) continue;
            foreach (var property in entity.GetProperties().Where(p => p.Name == "Sha256" && p.ClrType == typeof(string)))
            {
                var column = property.GetColumnName();
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT DISTINCT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL AND \"{column}\" <> '';";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) referenced.Add(reader.GetString(0));
            }
        }
        var missing = referenced.Where(sha => !File.Exists(Path.Combine(filesFolder, sha[..2], sha))).ToList();
        if (missing.Count > 0)
            throw new BackupException($"The backup lacks {missing.Count} stored file(s) that its database names, such as {missing[0]}.");
        if (hashFiles && Directory.Exists(filesFolder))
        {
            foreach (var file in Directory.EnumerateFiles(filesFolder, "*", SearchOption.AllDirectories))
            {
                if (await HashAsync(file, ct) != Path.GetFileName(file))
                    throw new BackupException($"The stored file {Path.GetRelativePath(folder, file)} no longer matches its content's hash: the backup is damaged.");
            }
        }
        var documents = int.Parse(await ScalarAsync(connection, "SELECT COUNT(*) FROM \"Documents\";", ct), System.Globalization.CultureInfo.InvariantCulture);
        return new BackupCheck(applied.LastOrDefault() ?? "", documents);
    }

    /// <summary>Copies the store file by file, checking each against its name on the way (a damaged file is reported, not copied on).</summary>
    private static async Task<(int Count, long Bytes)> CopyFilesAsync(string from, string to, CancellationToken ct)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return (0, 0);
        var count = 0;
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            await using (var copy = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await copy.WriteAsync(buffer.AsMemory(0, read), ct);
                    bytes += read;
                }
                if (Convert.ToHexStringLower(hash.GetHashAndReset()) != Path.GetFileName(file))
                    throw new BackupException($"The stored file {relative} does not match its content's hash: the data folder is damaged there.");
            }
            count++;
        }
        return (count, bytes);
    }

    /// <summary>
    /// The key ring's files only: a running portal writes a new key to a temporary file and renames it, and that
    /// temporary file can vanish between listing and copying.
    /// </summary>
    private static void CopyKeys(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from, "*.xml"))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static async Task<string> HashAsync(string file, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(30);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>
    /// No pooling: the file must be closed when the connection is, to be moved or renamed right after, and settings
    /// such as the backup's busy timeout must not reach the portal's own pooled connections.
    /// </summary>
    private static string StandaloneConnection(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = false,
    }.ToString();

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record BackupCheck(string LastMigration, int Documents);
}

/// <summary>What a backup holds, written next to it as backup.json.</summary>
public sealed record BackupManifest(int Format, DateTime CreatedAtUtc, string LastMigration, int Documents, int Files, long FileBytes);

public sealed record BackupResult(string Folder, BackupManifest Manifest);

public sealed record RestoreResult(string DataFolder, string? KeptAside, BackupManifest Manifest, int Documents);

/// <summary>A backup or restore that cannot go on; the message says why and what to do.</summary>
public sealed class BackupException(string message) : Exception(message);
