namespace ApprovalsPortal.Tests.Support;

/// <summary>A fresh data folder per test host, removed afterwards.</summary>
public sealed class TempDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "approvals-portal-tests", Guid.NewGuid().ToString("N"));

    public TempDataFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment after the host stops; the OS temp cleaner gets it later.
        }
    }
}
