using System.Globalization;
using ApprovalsPortal.Data;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// The operator's commands, run instead of the portal with the same settings (appsettings.json, the environment,
/// and any --Portal:... options after the folder):
///   backup &lt;folder&gt;   a dated, checked copy of the data, safe while the portal runs;
///   restore &lt;folder&gt;  checks a backup and makes it the data of a stopped portal.
/// </summary>
public static class PortalCommands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("backup" or "restore")) return null;
        var command = args[0];
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            Console.Error.WriteLine($"Usage: ApprovalsPortal {command} <folder> [--Portal:DataFolder=<data folder>]");
            Console.Error.WriteLine(command == "backup"
                ? "Writes a dated folder with the database, the stored files and the keys into <folder>."
                : "Checks the backup in <folder> (a dated folder written by backup) and makes it the portal's data. Stop the portal first.");
            return 2;
        }

        // The folder is not configuration: only what follows it goes to the command-line settings.
        var builder = WebApplication.CreateBuilder(PortalHostExtensions.BuilderOptions(args[2..]));
        builder.AddPortal();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        try
        {
            var backups = app.Services.GetRequiredService<PortalBackup>();
            if (command == "backup")
            {
                var result = await backups.BackupAsync(args[1]);
                var m = result.Manifest;
                Console.WriteLine($"Backed up to {result.Folder}: the database ({m.Documents} documents), {m.Files} stored files ({Megabytes(m.FileBytes)}) and the keys.");
            }
            else
            {
                var result = await backups.RestoreAsync(args[1]);
                Console.WriteLine($"Restored the backup of {result.Manifest.CreatedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC into {result.DataFolder}: {result.Documents} documents, files and keys checked.");
                if (result.KeptAside is not null) Console.WriteLine($"The data that was there is kept in {result.KeptAside}.");
                Console.WriteLine("Start the portal: it applies any newer migrations first.");
            }
            return 0;
        }
        catch (BackupException ex)
        {
            Console.Error.WriteLine($"ApprovalsPortal {command} failed: {ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine($"ApprovalsPortal {command} failed: invalid settings in appsettings.json or the environment.");
            foreach (var failure in ex.Failures) Console.Error.WriteLine("  - " + failure);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"ApprovalsPortal {command} failed: {ex.Message}");
            return 1;
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
