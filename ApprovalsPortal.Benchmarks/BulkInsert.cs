using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ApprovalsPortal.Benchmarks;

/// <summary>
/// Writes entities with one prepared INSERT per table inside the caller's transaction, using the EF model for
/// table names, column names and value conversions, so the rows are exactly what the portal itself would write.
/// </summary>
public static class BulkInsert
{
    public static void Rows<T>(SqliteConnection connection, SqliteTransaction transaction, IModel model, IEnumerable<T> rows)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
        var parameters = properties.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToList();
        command.Prepare();

        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                var value = properties[i].PropertyInfo!.GetValue(row);
                if (value is not null && properties[i].GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
                // EF stores GUIDs as upper-case text on SQLite; concurrency checks compare against that form.
                if (value is Guid guid) value = guid.ToString().ToUpperInvariant();
                parameters[i].Value = value ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }
    }
}
