using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActionItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // 1. The shared action-item table, filled from the approval requests (same ids, so documents' pointers and
            //    reasons stay valid; reminder keys now carry the schedule's round, so old keys never clash) and their to-dos.
            migrationBuilder.CreateTable(
                name: "ActionItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClientAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    JobId = table.Column<int>(type: "INTEGER", nullable: true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResendCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TodoAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindersEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderIntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReminderCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RemindersSent = table.Column<int>(type: "INTEGER", nullable: false),
                    NextReminderAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReminderAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindersPaused = table.Column<bool>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionItems_ClientAccounts_ClientAccountId",
                        column: x => x.ClientAccountId,
                        principalTable: "ClientAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionItems_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.Sql("""
                INSERT INTO "ActionItems" ("Id", "Kind", "ClientAccountId", "JobId", "DocumentId", "Status", "Title", "Message",
                    "RequestedByUserId", "RequestedByName", "RequestedAt", "LastSentAt", "ResendCount", "TodoAt",
                    "RemindersEnabled", "ReminderIntervalDays", "ReminderCount", "RemindersSent", "NextReminderAt", "LastReminderAt",
                    "RemindersPaused", "CompletedAt", "CancelledByName", "CancelledAt", "ConcurrencyStamp")
                SELECT r."Id", 'approval', r."ClientAccountId", NULL, r."DocumentId",
                    CASE r."Status" WHEN 'Approved' THEN 'Done' WHEN 'Disapproved' THEN 'Declined' ELSE r."Status" END,
                    COALESCE(d."Name", ''), r."Message", r."RequestedByUserId", r."RequestedByName", r."RequestedAt", r."LastSentAt", r."ResendCount",
                    CASE WHEN r."Status" = 'Pending' THEN COALESCE((SELECT t."BumpedAt" FROM "PortalTodos" t WHERE t."ApprovalRequestId" = r."Id"), r."LastSentAt") END,
                    r."RemindersEnabled", r."ReminderIntervalDays", r."ReminderCount", r."RemindersSent",
                    CASE WHEN a."ArchivedAt" IS NOT NULL THEN NULL ELSE r."NextReminderAt" END,
                    r."LastReminderAt",
                    CASE WHEN a."ArchivedAt" IS NOT NULL AND r."Status" = 'Pending' THEN 1 ELSE 0 END,
                    r."DecidedAt", r."CancelledByName", r."CancelledAt", r."ConcurrencyStamp"
                FROM "ApprovalRequests" r
                LEFT JOIN "Documents" d ON d."Id" = r."DocumentId"
                LEFT JOIN "ClientAccounts" a ON a."Id" = r."ClientAccountId";
                """);

            // 2. Audit entries name the item they concern; approval actions become the shared actions.
            migrationBuilder.AddColumn<int>(
                name: "ActionItemId",
                table: "AuditEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ItemKind",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "AuditEvents" SET
                    "ItemKind" = 'approval',
                    "ActionItemId" = (SELECT i."Id" FROM "ActionItems" i
                                      WHERE i."DocumentId" = "AuditEvents"."DocumentId" AND i."RequestedAt" <= "AuditEvents"."At"
                                      ORDER BY i."RequestedAt" DESC, i."Id" DESC LIMIT 1)
                WHERE "Action" IN ('ApprovalRequested', 'ApprovalResent', 'ApprovalCancelled', 'Approved', 'Disapproved', 'RemindersChanged', 'ReminderSent');
                UPDATE "AuditEvents" SET "Action" = CASE "Action"
                    WHEN 'ApprovalRequested' THEN 'Requested'
                    WHEN 'ApprovalResent' THEN 'Resent'
                    WHEN 'ApprovalCancelled' THEN 'Cancelled'
                    WHEN 'Approved' THEN 'Completed'
                    WHEN 'Disapproved' THEN 'Declined'
                    ELSE "Action" END;
                """);

            // 3. Inbox items link to wherever their item opens, not only to documents.
            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "StaffNotifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActionItemId",
                table: "StaffNotifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "StaffNotifications" SET "Link" = '/documents/' || "DocumentId" WHERE "DocumentId" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "DocumentId",
                table: "StaffNotifications");

            // 4. What moved to the action items leaves the approval requests; the to-dos live on the items now.
            migrationBuilder.DropTable(
                name: "PortalTodos");

            migrationBuilder.AlterColumn<int>(
                name: "DocumentId",
                table: "AuditEvents",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");


            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_ClientAccountId_Status",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_DocumentId_RequestedAt",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_OnePendingPerDocument",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_RequestedAt",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_Status_NextReminderAt",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_Status_RequestedAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "CancelledByName",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ClientAccountId",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "LastReminderAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "LastSentAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "Message",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "NextReminderAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ReminderCount",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ReminderIntervalDays",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "RemindersEnabled",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "RemindersSent",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "RequestedAt",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "RequestedByName",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "RequestedByUserId",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ResendCount",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "ApprovalRequests");

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "ApprovalRequests",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActionItemId_At",
                table: "AuditEvents",
                columns: new[] { "ActionItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_DocumentId",
                table: "ApprovalRequests",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ClientAccountId_Kind_Status",
                table: "ActionItems",
                columns: new[] { "ClientAccountId", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ClientAccountId_TodoAt",
                table: "ActionItems",
                columns: new[] { "ClientAccountId", "TodoAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_JobId",
                table: "ActionItems",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_OneWaitingPerDocumentAndKind",
                table: "ActionItems",
                columns: new[] { "DocumentId", "Kind" },
                unique: true,
                filter: "\"Status\" IN ('Pending', 'InProgress') AND \"DocumentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_RequestedAt",
                table: "ActionItems",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_Status_NextReminderAt",
                table: "ActionItems",
                columns: new[] { "Status", "NextReminderAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_Status_RequestedAt",
                table: "ActionItems",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_ApprovalRequests_ActionItems_Id",
                table: "ApprovalRequests",
                column: "Id",
                principalTable: "ActionItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_AuditEvents_ActionItems_ActionItemId",
                table: "AuditEvents",
                column: "ActionItemId",
                principalTable: "ActionItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The data moved into ActionItems has no way back into the old shape: restore the copy the portal took
            // before upgrading (data/backups/portal-before-…-ActionItems-….db).
            throw new NotSupportedException("Downgrading below the action-item release is not supported: restore data/backups/portal-before-…-ActionItems-….db instead.");
        }
    }
}
