using Microsoft.Data.Sqlite;

namespace ApprovalsPortal.Benchmarks;

/// <summary>
/// A "Tax return" pipeline of four stages holding 5,000 active jobs (and 1,000 archived) over the firm's accounts,
/// with every pending approval request linked to a job, so cards count their pending items as in a busy firm.
/// Written with plain SQL: the portal's services are what is measured, not what is built.
/// </summary>
public static class JobBoardBenchmark
{
    public const int ActiveJobs = 5_000;
    public const int ArchivedJobs = 1_000;
    public static readonly string[] Stages = ["Preparation", "Client review", "Filing", "Done"];
    private static readonly string[] JobColumns = ["$account", "$name", "$pipeline", "$stage", "$assignee", "$due", "$created", "$archived", "$stamp"];

    /// <summary>Returns the stage ids in order.</summary>
    public static IReadOnlyList<int> Build(string connectionString, IReadOnlyList<(string Id, string Name)> staff, DateTime now)
    {
        var random = new Random(7);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        long Scalar(string sql, params (string, object)[] values)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var pipeline = Scalar("""INSERT INTO "Pipelines" ("Name", "CreatedAt") VALUES ('Tax return', $now); SELECT last_insert_rowid();""", ("$now", now));
        var stageIds = Stages.Select((name, position) => (int)Scalar(
            """
            INSERT INTO "PipelineStages" ("PipelineId", "Name", "Position", "Automove", "AutomationMessage", "AutomationRemindersEnabled",
              "AutomationReminderIntervalDays", "AutomationReminderCount")
            VALUES ($pipeline, $name, $position, $automove, '', 0, 0, 0); SELECT last_insert_rowid();
            """, ("$pipeline", pipeline), ("$name", name), ("$position", position), ("$automove", position == 1))).ToList();

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "Jobs" ("ClientAccountId", "Name", "PipelineId", "StageId", "AssigneeUserId", "DueDate", "CreatedAt", "StageEnteredAt", "ArchivedAt", "ConcurrencyStamp")
            VALUES ($account, $name, $pipeline, $stage, $assignee, $due, $created, $created, $archived, $stamp)
            """;
        var parameters = JobColumns.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        for (var i = 0; i < ActiveJobs + ArchivedJobs; i++)
        {
            var created = now.AddDays(-random.Next(1, 200));
            parameters["$account"].Value = random.Next(1, DataSet.Accounts + 1);
            parameters["$name"].Value = $"Tax return {2020 + i % 7} #{i}";
            parameters["$pipeline"].Value = pipeline;
            parameters["$stage"].Value = stageIds[random.Next(stageIds.Count)];
            parameters["$assignee"].Value = random.Next(10) == 0 ? DBNull.Value : staff[random.Next(staff.Count)].Id;
            parameters["$due"].Value = random.Next(4) == 0 ? DBNull.Value : DateOnly.FromDateTime(now.AddDays(random.Next(-30, 120))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            parameters["$created"].Value = created;
            parameters["$archived"].Value = i < ActiveJobs ? DBNull.Value : now.AddDays(-random.Next(0, 30));
            parameters["$stamp"].Value = Guid.NewGuid();
            insert.ExecuteNonQuery();
        }

        // Every pending request joins one of the active jobs of its account, if it has one.
        using var link = connection.CreateCommand();
        link.Transaction = transaction;
        link.CommandText = """
            UPDATE "ActionItems" SET "JobId" = (SELECT MIN(j."Id") FROM "Jobs" j WHERE j."ClientAccountId" = "ActionItems"."ClientAccountId" AND j."ArchivedAt" IS NULL)
            WHERE "Status" = 'Pending'
            """;
        link.ExecuteNonQuery();
        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
        return stageIds;
    }
}
