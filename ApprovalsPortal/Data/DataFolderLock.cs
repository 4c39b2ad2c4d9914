namespace ApprovalsPortal.Data;

/// <summary>
/// One portal per data folder: a running portal holds data/portal.lock open with an exclusive lock (released by the
/// system when the process ends, however it ends). A second portal on the same folder would send every email twice;
/// a restore must not replace the files under a running one.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "portal.lock";

    private readonly FileStream stream;

    private DataFolderLock(FileStream stream) => this.stream = stream;

    /// <summary>The lock, or null when another process (or this one) holds it.</summary>
    public static DataFolderLock? TryAcquire(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        try
        {
            return new DataFolderLock(new FileStream(Path.Combine(dataFolder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>Holds the running portal's <see cref="DataFolderLock"/> until the portal's services are disposed.</summary>
public sealed class DataFolderGuard(Microsoft.Extensions.Options.IOptions<Hosting.PortalOptions> options) : IDisposable
{
    private DataFolderLock? held;

    public void Acquire()
    {
        var folder = options.Value.DataFolderFullPath;
        held ??= DataFolderLock.TryAcquire(folder) ?? throw new DataFolderInUseException(folder);
    }

    public void Dispose() => held?.Dispose();
}

public sealed class DataFolderInUseException(string folder)
    : Exception($"Another ApprovalsPortal is running on the data folder {folder} (it holds {DataFolderLock.FileName}). Stop it, or set Portal:DataFolder to another folder.");
