using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// A database of the first release, with approvals in every state, upgraded by the action-item migration: each
/// approval keeps its id, document, decision, reasons, to-do and schedule, and its history reads as before.
/// </summary>
public sealed class ActionItemMigrationTests : IDisposable
{
    private const string FirstRelease = "20261123172258_Initial";
    private readonly TempDataFolder folder = new();

    private AppDbContext NewDb() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseSqlite(DataServiceExtensions.ConnectionStringFor(Path.Combine(folder.Path, "portal.db"))).Options);

    [Fact]
    public async Task Approvals_of_the_first_release_become_action_items_with_everything_users_saw()
    {
        await using (var db = NewDb())
        {
            await db.GetService<IMigrator>().MigrateAsync(FirstRelease);
            await db.Database.ExecuteSqlRawAsync(FirstReleaseData);
            await db.GetService<IMigrator>().MigrateAsync();
        }

        await using var check = NewDb();
        var items = await check.ActionItems.OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([10, 11, 12, 13, 14], items.Select(i => i.Id));
        Assert.All(items, i => Assert.Equal(ApprovalRequest.Kind, i.Kind));
        Assert.Equal(
            [ActionItemStatus.Pending, ActionItemStatus.Done, ActionItemStatus.Declined, ActionItemStatus.Cancelled, ActionItemStatus.Pending],
            items.Select(i => i.Status));

        var pending = items[0];
        Assert.Equal((1, 1, "Accounts.pdf", "Please sign off", "Sam Staff", 2, 5, 1, 3),
            (pending.ClientAccountId, pending.DocumentId, pending.Title, pending.Message, pending.RequestedByName, pending.ResendCount,
             pending.ReminderIntervalDays, pending.RemindersSent, pending.ReminderCount));
        Assert.Equal((Utc(2026, 3, 5), Utc(2026, 3, 10), Utc(2026, 3, 4), false),
            (pending.TodoAt, pending.NextReminderAt, pending.LastSentAt, pending.RemindersPaused));

        // A pending request of an archived account holds its reminders until the account is restored.
        Assert.Equal((true, (DateTime?)null), (items[4].RemindersPaused, items[4].NextReminderAt));
        Assert.Equal((Utc(2026, 3, 3, 10), (DateTime?)null), (items[1].CompletedAt, items[1].TodoAt));
        Assert.Equal(("Sam Staff", Utc(2026, 3, 3)), (items[3].CancelledByName, items[3].CancelledAt));

        var disapproved = await check.ApprovalRequests.Include(r => r.Item).Include(r => r.Reasons).SingleAsync(r => r.Id == 12);
        Assert.Equal((ApprovalStatus.Disapproved, "Olivia Client", "Wrong year", 3), (disapproved.Status, disapproved.DecidedByName, disapproved.DecisionComment, disapproved.DocumentId));
        Assert.Equal(["Amounts are wrong"], disapproved.Reasons.Select(r => r.Text));
        Assert.Equal(12, await check.Documents.Where(d => d.Id == 3).Select(d => d.CurrentApprovalRequestId).SingleAsync());

        // The history: approval actions become the shared ones, named by their item.
        var trail = await check.AuditEvents.OrderBy(a => a.Id).Select(a => new { a.Action, a.ItemKind, a.ActionItemId, a.DocumentId }).ToListAsync();
        Assert.Equal([AuditAction.Uploaded, AuditAction.Requested, AuditAction.Resent, AuditAction.Requested, AuditAction.Completed, AuditAction.Declined, AuditAction.ReminderSent],
            trail.Select(a => a.Action));
        Assert.Equal([null, 10, 10, 11, 11, 12, 10], trail.Select(a => a.ActionItemId));
        Assert.Equal([null, "approval", "approval", "approval", "approval", "approval", "approval"], trail.Select(a => a.ItemKind));
        // ...and the trail names them in the approval's words, as before the upgrade.
        var audit = new AuditService(new SingleDbFactory(NewDb), [new ActionItemKinds([new ApprovalKind()])]);
        var staff = new Identity.PortalUser("staff", "Sam Staff", false, true, false);
        Assert.Equal(["Reminder sent", "Approval request resent", "Approval requested", "Uploaded"],
            (await audit.TrailAsync(staff, 1)).Select(audit.Label));
        Assert.Equal(["Approved", "Approval requested"], (await audit.TrailAsync(staff, 2)).Select(audit.Label));
        Assert.Equal(["Disapproved"], (await audit.TrailAsync(staff, 3)).Select(audit.Label));

        // Inbox items keep their way to the document.
        Assert.Equal("/documents/2", await check.StaffNotifications.Select(n => n.Link).SingleAsync());
        Assert.False(await check.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'PortalTodos'").AnyAsync(n => n > 0));
    }

    [Fact]
    public async Task A_copy_of_the_database_is_taken_before_an_upgrade_and_not_for_a_fresh_one()
    {
        await using (var fresh = NewDb())
        {
            Assert.Null(await DatabaseBackup.BeforeMigratingAsync(fresh, folder.Path, Utc(2026, 3, 6)));
            await fresh.GetService<IMigrator>().MigrateAsync(FirstRelease);
            await fresh.Database.ExecuteSqlRawAsync(FirstReleaseData);
        }

        string backup, release;
        await using (var db = NewDb())
        {
            release = db.Database.GetMigrations().Last();
            backup = (await DatabaseBackup.BeforeMigratingAsync(db, folder.Path, Utc(2026, 3, 6)))!;
            await db.GetService<IMigrator>().MigrateAsync();
            Assert.Null(await DatabaseBackup.BeforeMigratingAsync(db, folder.Path, Utc(2026, 3, 7)));
        }

        // Named after the release being installed: its last migration.
        Assert.Equal(Path.Combine(folder.Path, "backups", $"portal-before-{release}-20260306-090000.db"), backup);
        await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup}");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"ApprovalRequests\" WHERE \"Status\" = 'Pending'";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    private static DateTime Utc(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private sealed class SingleDbFactory(Func<AppDbContext> create) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => create();
    }

    /// <summary>Rows as the first release wrote them.</summary>
    private const string FirstReleaseData = """
        INSERT INTO "ClientAccounts" ("Id", "Name", "CreatedAt", "ArchivedAt") VALUES
            (1, 'Northwind Bakery', '2026-03-01 09:00:00', NULL),
            (2, 'Old Client', '2026-03-01 09:00:00', '2026-03-06 09:00:00');
        INSERT INTO "Folders" ("Id", "ClientAccountId", "Name", "Access", "CreatedAt") VALUES
            (1, 1, 'Shared with client', 'ClientCanView', '2026-03-01 09:00:00'),
            (2, 2, 'Shared with client', 'ClientCanView', '2026-03-01 09:00:00');
        INSERT INTO "Documents" ("Id", "ClientAccountId", "FolderId", "Name", "Description", "ContentType", "SizeBytes", "Sha256",
            "UploadedByUserId", "UploadedByName", "UploadedAt", "LastActivityAt", "CurrentApprovalRequestId", "DeletedAt") VALUES
            (1, 1, 1, 'Accounts.pdf', '', 'application/pdf', 10, 'aa', 'staff', 'Sam Staff', '2026-03-02 09:00:00', '2026-03-05 09:00:00', NULL, NULL),
            (2, 1, 1, 'Payroll.pdf', '', 'application/pdf', 10, 'bb', 'staff', 'Sam Staff', '2026-03-02 09:00:00', '2026-03-03 10:00:00', NULL, NULL),
            (3, 1, 1, 'VAT.pdf', '', 'application/pdf', 10, 'cc', 'staff', 'Sam Staff', '2026-03-02 09:00:00', '2026-03-03 11:00:00', NULL, NULL),
            (4, 1, 1, 'Notes.pdf', '', 'application/pdf', 10, 'dd', 'staff', 'Sam Staff', '2026-03-02 09:00:00', '2026-03-03 09:00:00', NULL, NULL),
            (5, 2, 2, 'Old.pdf', '', 'application/pdf', 10, 'ee', 'staff', 'Sam Staff', '2026-03-02 09:00:00', '2026-03-02 09:00:00', NULL, NULL);
        INSERT INTO "ApprovalRequests" ("Id", "DocumentId", "ClientAccountId", "Status", "Message", "RemindersEnabled", "ReminderIntervalDays",
            "ReminderCount", "RemindersSent", "NextReminderAt", "LastReminderAt", "RequestedByUserId", "RequestedByName", "RequestedAt",
            "LastSentAt", "ResendCount", "DecidedByUserId", "DecidedByName", "DecidedByContactId", "DecidedAt", "DecisionComment",
            "CancelledByName", "CancelledAt", "ConcurrencyStamp") VALUES
            (10, 1, 1, 'Pending', 'Please sign off', 1, 5, 3, 1, '2026-03-10 09:00:00', '2026-03-05 09:00:00', 'staff', 'Sam Staff', '2026-03-02 09:00:00',
             '2026-03-04 09:00:00', 2, NULL, NULL, NULL, NULL, '', NULL, NULL, 'A1A1A1A1-0000-0000-0000-000000000010'),
            (11, 2, 1, 'Approved', '', 0, 3, 1, 0, NULL, NULL, 'staff', 'Sam Staff', '2026-03-02 10:00:00',
             '2026-03-02 10:00:00', 0, 'client', 'Olivia Client', 1, '2026-03-03 10:00:00', '', NULL, NULL, 'A1A1A1A1-0000-0000-0000-000000000011'),
            (12, 3, 1, 'Disapproved', '', 0, 3, 1, 0, NULL, NULL, 'staff', 'Sam Staff', '2026-03-02 11:00:00',
             '2026-03-02 11:00:00', 0, 'client', 'Olivia Client', 1, '2026-03-03 11:00:00', 'Wrong year', NULL, NULL, 'A1A1A1A1-0000-0000-0000-000000000012'),
            (13, 4, 1, 'Cancelled', '', 1, 3, 1, 0, NULL, NULL, 'staff', 'Sam Staff', '2026-03-02 12:00:00',
             '2026-03-02 12:00:00', 0, NULL, NULL, NULL, NULL, '', 'Sam Staff', '2026-03-03 09:00:00', 'A1A1A1A1-0000-0000-0000-000000000013'),
            (14, 5, 2, 'Pending', '', 1, 3, 2, 0, '2026-03-05 09:00:00', NULL, 'staff', 'Sam Staff', '2026-03-02 09:00:00',
             '2026-03-02 09:00:00', 0, NULL, NULL, NULL, NULL, '', NULL, NULL, 'A1A1A1A1-0000-0000-0000-000000000014');
        UPDATE "Documents" SET "CurrentApprovalRequestId" = "Id" + 9;
        INSERT INTO "DisapprovalReasons" ("Id", "ApprovalRequestId", "ReasonOptionId", "Text") VALUES (1, 12, 1, 'Amounts are wrong');
        INSERT INTO "PortalTodos" ("Id", "ClientAccountId", "ApprovalRequestId", "CreatedAt", "BumpedAt") VALUES
            (1, 1, 10, '2026-03-02 09:00:00', '2026-03-05 09:00:00'),
            (2, 2, 14, '2026-03-02 09:00:00', '2026-03-02 09:00:00');
        INSERT INTO "AuditEvents" ("Id", "DocumentId", "ClientAccountId", "ActorUserId", "ActorName", "Action", "Details", "At") VALUES
            (1, 1, 1, 'staff', 'Sam Staff', 'Uploaded', 'Uploaded', '2026-03-02 09:00:00'),
            (2, 1, 1, 'staff', 'Sam Staff', 'ApprovalRequested', 'No message', '2026-03-02 09:00:00'),
            (3, 1, 1, 'staff', 'Sam Staff', 'ApprovalResent', 'No message', '2026-03-04 09:00:00'),
            (4, 2, 1, 'staff', 'Sam Staff', 'ApprovalRequested', 'No message', '2026-03-02 10:00:00'),
            (5, 2, 1, 'client', 'Olivia Client', 'Approved', 'Approved', '2026-03-03 10:00:00'),
            (6, 3, 1, 'client', 'Olivia Client', 'Disapproved', 'Reasons: Amounts are wrong', '2026-03-03 11:00:00'),
            (7, 1, 1, 'system', 'Automatic reminder', 'ReminderSent', 'Reminder 1 of 3 sent', '2026-03-05 09:00:00');
        INSERT INTO "StaffNotifications" ("Id", "UserId", "Title", "Body", "DocumentId", "ClientAccountId", "CreatedAt", "ReadAt") VALUES
            (1, 'staff', 'Olivia Client approved Payroll.pdf', 'Northwind Bakery', 2, 1, '2026-03-03 10:00:00', NULL);
        """;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
