using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Benchmarks;

public sealed record SweepResult(int Reminders, double Seconds, int Messages, int Accounts);

/// <summary>Sets up 10,000 approval requests whose first reminder is due, spread over the firm's accounts.</summary>
public static class SweepBenchmark
{
    public const int DueReminders = 10_000;

    public static async Task MakeDueAsync(AppDbContext db, IReadOnlyList<Document> documents, IReadOnlyList<(string Id, string Name)> staff, DateTime now)
    {
        var nextId = (await db.ActionItems.MaxAsync(i => (int?)i.Id) ?? 0) + 1;
        var sentAt = now.AddDays(-3).AddHours(-1);
        var requests = documents.Select((doc, index) =>
        {
            var requester = staff[index % staff.Count];
            var request = ApprovalRequest.Send(doc, new ApprovalInput("Please review", true, 3, 2), new PortalUser(requester.Id, requester.Name, false, true, false), sentAt);
            DataSet.SetId(request.Item, nextId + index);
            DataSet.SetId(request, nextId + index);
            return request;
        }).ToList();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        using (var transaction = connection.BeginTransaction())
        {
            BulkInsert.Rows(connection, transaction, db.Model, requests.Select(r => r.Item));
            BulkInsert.Rows(connection, transaction, db.Model, requests);
            using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = $"UPDATE \"Documents\" SET \"CurrentApprovalRequestId\" = (SELECT r.\"Id\" FROM \"ApprovalRequests\" r WHERE r.\"DocumentId\" = \"Documents\".\"Id\") WHERE \"Id\" IN ({string.Join(",", documents.Select(d => d.Id))})";
            link.ExecuteNonQuery();
            transaction.Commit();
        }
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }

    public static async Task<int> CountOutboxAsync(IDbContextFactory<AppDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.OutboxMessages.CountAsync(m => m.DeduplicationKey != null);
    }

    public static async Task<int> CountAccountsAsync(IDbContextFactory<AppDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ActionItems.Where(i => i.RemindersSent > 0 && i.LastReminderAt != null && i.ReminderCount == 2).Select(i => i.ClientAccountId).Distinct().CountAsync();
    }
}
