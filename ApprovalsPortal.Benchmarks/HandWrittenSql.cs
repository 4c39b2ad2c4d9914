using Microsoft.Data.Sqlite;

namespace ApprovalsPortal.Benchmarks;

/// <summary>
/// The same list pages written by hand in SQL on the same database: a count for the pager and a 50-row page with
/// the same columns, with the same values passed as parameters. The baseline the portal's queries are compared with.
/// </summary>
public sealed class HandWrittenSql(string connectionString)
{
    private const string RowColumns = """
        d."Id", d."Name", d."ContentType", d."ClientAccountId", a."Name", d."UploadedByName", d."Description", d."UploadedAt",
        d."LastActivityAt", f."Access", r."Status", r."RequestedAt", CASE WHEN r."Status" = 'Declined' THEN r."CompletedAt" END,
        r."RemindersEnabled", r."RemindersSent", r."ReminderCount", r."NextReminderAt", r."RemindersPaused", r."JobArchived",
        EXISTS (SELECT 1 FROM "Contacts" c WHERE c."ClientAccountId" = d."ClientAccountId" AND c."PortalAccess")
        """;

    public Task RecentAsync(DateTime since) => PageAsync(
        """SELECT COUNT(*) FROM "Documents" d WHERE d."DeletedAt" IS NULL AND d."LastActivityAt" >= $since""",
        $"""
        SELECT {RowColumns}
        FROM "Documents" d
        JOIN "ClientAccounts" a ON a."Id" = d."ClientAccountId"
        JOIN "Folders" f ON f."Id" = d."FolderId"
        LEFT JOIN "ActionItems" r ON r."Id" = d."CurrentApprovalRequestId"
        WHERE d."DeletedAt" IS NULL AND d."LastActivityAt" >= $since
        ORDER BY d."LastActivityAt" DESC, d."Id" DESC LIMIT 50
        """,
        ("$since", since));

    public Task PendingApprovalsAsync(int? accountId) => PageAsync(
        $"""
        SELECT COUNT(*) FROM "Documents" d JOIN "ActionItems" r ON r."Id" = d."CurrentApprovalRequestId"
        WHERE d."DeletedAt" IS NULL AND r."Status" = $status {(accountId is null ? "" : "AND d.\"ClientAccountId\" = $account")}
        """,
        $"""
        SELECT {RowColumns}
        FROM "Documents" d
        JOIN "ActionItems" r ON r."Id" = d."CurrentApprovalRequestId"
        JOIN "ClientAccounts" a ON a."Id" = d."ClientAccountId"
        JOIN "Folders" f ON f."Id" = d."FolderId"
        WHERE d."DeletedAt" IS NULL AND r."Status" = $status {(accountId is null ? "" : "AND d.\"ClientAccountId\" = $account")}
        ORDER BY r."RequestedAt" DESC, d."Id" DESC LIMIT 50
        """,
        ("$account", accountId ?? 0), ("$status", "Pending"));

    public Task AccountsWithPendingAsync() => PageAsync(
        """
        SELECT COUNT(*) FROM "ClientAccounts" a WHERE a."ArchivedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "ActionItems" r WHERE r."ClientAccountId" = a."Id" AND r."Kind" = $kind AND r."Status" = $status)
        """,
        """
        SELECT a."Id", a."Name",
          (SELECT COUNT(*) FROM "Contacts" c WHERE c."ClientAccountId" = a."Id"),
          (SELECT COUNT(*) FROM "Contacts" c WHERE c."ClientAccountId" = a."Id" AND c."Notify" AND c."PortalAccess"),
          (SELECT COUNT(*) FROM "Documents" d WHERE d."ClientAccountId" = a."Id" AND d."DeletedAt" IS NULL),
          a."CreatedAt", a."ArchivedAt" IS NOT NULL,
          (SELECT COUNT(*) FROM "ActionItems" r WHERE r."ClientAccountId" = a."Id" AND r."Kind" = $kind AND r."Status" = $status)
        FROM "ClientAccounts" a
        WHERE a."ArchivedAt" IS NULL
          AND EXISTS (SELECT 1 FROM "ActionItems" r WHERE r."ClientAccountId" = a."Id" AND r."Kind" = $kind AND r."Status" = $status)
        ORDER BY a."Name", a."Id" LIMIT 50
        """,
        ("$kind", "approval"), ("$status", "Pending"));

    /// <summary>One column of the jobs board: the first 50 active cards of a stage, soonest due first, with their pending counts.</summary>
    public Task BoardColumnAsync(int stageId) => PageAsync(
        null,
        """
        SELECT j."Id", j."Name", j."ClientAccountId", a."Name", j."PipelineId", p."Name", j."StageId", s."Name", j."AssigneeUserId",
          (SELECT u."DisplayName" FROM "AspNetUsers" u WHERE u."Id" = j."AssigneeUserId"), j."DueDate",
          (SELECT COUNT(*) FROM "ActionItems" i WHERE i."JobId" = j."Id" AND i."Status" IN ('Pending', 'InProgress')), j."ArchivedAt"
        FROM "Jobs" j
        JOIN "ClientAccounts" a ON a."Id" = j."ClientAccountId"
        JOIN "Pipelines" p ON p."Id" = j."PipelineId"
        JOIN "PipelineStages" s ON s."Id" = j."StageId"
        WHERE j."StageId" = $stage AND j."ArchivedAt" IS NULL AND a."ArchivedAt" IS NULL
        ORDER BY j."DueDate" IS NULL, j."DueDate", j."Id" LIMIT 50
        """,
        ("$stage", stageId));

    /// <summary>A connection from the pool per call, as the portal gets one per operation; every row is read.</summary>
    private async Task PageAsync(string? countSql, string pageSql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { countSql, pageSql }.OfType<string>())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                if (sql.Contains(name)) command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            }
        }
    }
}
