using Microsoft.Data.Sqlite;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// The settings an admin saved on the firm settings page, as configuration: added last at start (once the database
/// is known), so they override appsettings.json and the environment. Stored in the database's PortalSettings table
/// under "config:" keys; reloading raises the configuration's change token, so options read through
/// <see cref="LivePortalOptions"/> follow at once.
/// </summary>
public sealed class FirmSettingsSource : IConfigurationSource
{
    public const string KeyPrefix = "config:";

    public FirmSettingsProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

public sealed class FirmSettingsProvider : ConfigurationProvider
{
    /// <summary>Set at start, after the database is created or migrated; until then there is nothing to read.</summary>
    public string? DatabasePath { get; set; }

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (DatabasePath is { } path && File.Exists(path))
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Key\", \"Value\" FROM \"PortalSettings\" WHERE \"Key\" LIKE 'config:%'";
            using var reader = command.ExecuteReader();
            while (reader.Read()) data[reader.GetString(0)[FirmSettingsSource.KeyPrefix.Length..]] = reader.GetString(1);
        }
        Data = data;
    }

    /// <summary>Reads the saved settings again and tells the configuration's listeners.</summary>
    public void ReloadNow()
    {
        Load();
        OnReload();
    }
}
