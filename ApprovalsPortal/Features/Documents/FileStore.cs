using System.Security.Cryptography;
using ApprovalsPortal.Hosting;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Documents;

/// <summary>
/// Files on disk under server-made names: files/&lt;first two hex digits&gt;/&lt;sha256&gt;. Identical content is stored once.
/// Uploads are first written to tmp/ while hashed, so a half-received file never appears in the store.
/// </summary>
public sealed class FileStore(IOptions<PortalOptions> options)
{
    private string FilesFolder => options.Value.FilesFolder;
    private string StagingFolder => Path.Combine(options.Value.DataFolderFullPath, "tmp");

    public string PathFor(string sha256) => Path.Combine(FilesFolder, sha256[..2], sha256);

    public bool Exists(string sha256) => File.Exists(PathFor(sha256));

    /// <summary>
    /// At start: removes what a stopped portal left staging (uploads cut off mid-way). Only one portal runs on a data
    /// folder (it holds the data folder's lock), so nothing in tmp/ is still being written.
    /// </summary>
    public int ClearStaging()
    {
        if (!Directory.Exists(StagingFolder)) return 0;
        var left = Directory.GetFiles(StagingFolder);
        foreach (var file in left) File.Delete(file);
        return left.Length;
    }

    /// <summary>Copies the stream to a staging file, hashing as it goes. Returns null if it grows past <paramref name="maxBytes"/>.</summary>
    public async Task<StagedFile?> StageAsync(Stream source, long maxBytes, IProgress<long>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(StagingFolder);
        var path = Path.Combine(StagingFolder, Guid.NewGuid().ToString("N"));
        var staged = new StagedFile(path);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        await staged.DisposeAsync();
                        return null;
                    }
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                    progress?.Report(total);
                }
                staged.Size = total;
            }
            staged.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return staged;
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves the staged file into the store, unless the same content is already there.</summary>
    public void Commit(StagedFile staged)
    {
        var target = PathFor(staged.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(staged.Path);
        }
        else
        {
            // Two uploads of the same content may race here; the bytes are identical, so either may win.
            File.Move(staged.Path, target, overwrite: true);
        }
        staged.Committed = true;
    }
}

public sealed class StagedFile(string path) : IAsyncDisposable
{
    public string Path { get; } = path;
    public string Sha256 { get; internal set; } = "";
    public long Size { get; internal set; }
    internal bool Committed { get; set; }

    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read);

    public ValueTask DisposeAsync()
    {
        if (!Committed && File.Exists(Path)) File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
