using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ApprovalsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentApprovalRequestId",
                table: "Documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApprovalRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RemindersEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderIntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReminderCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RemindersSent = table.Column<int>(type: "INTEGER", nullable: false),
                    NextReminderAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResendCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedByContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CancelledByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRequests_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisapprovalReasonOptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiresComment = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisapprovalReasonOptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DisapprovalReasons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApprovalRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonOptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisapprovalReasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisapprovalReasons_ApprovalRequests_ApprovalRequestId",
                        column: x => x.ApprovalRequestId,
                        principalTable: "ApprovalRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PortalTodos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovalRequestId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BumpedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalTodos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PortalTodos_ApprovalRequests_ApprovalRequestId",
                        column: x => x.ApprovalRequestId,
                        principalTable: "ApprovalRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DisapprovalReasonOptions",
                columns: new[] { "Id", "IsActive", "RequiresComment", "SortOrder", "Text" },
                values: new object[,]
                {
                    { 1, true, false, 1, "Amounts are wrong" },
                    { 2, true, false, 2, "Information is missing" },
                    { 3, true, false, 3, "Names or details are wrong" },
                    { 4, true, false, 4, "Not what I asked for" },
                    { 5, true, true, 5, "Other" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_CurrentApprovalRequestId",
                table: "Documents",
                column: "CurrentApprovalRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ClientAccountId_Status",
                table: "ApprovalRequests",
                columns: new[] { "ClientAccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_DocumentId_RequestedAt",
                table: "ApprovalRequests",
                columns: new[] { "DocumentId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_OnePendingPerDocument",
                table: "ApprovalRequests",
                column: "DocumentId",
                unique: true,
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_Status_NextReminderAt",
                table: "ApprovalRequests",
                columns: new[] { "Status", "NextReminderAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DisapprovalReasons_ApprovalRequestId",
                table: "DisapprovalReasons",
                column: "ApprovalRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_PortalTodos_ApprovalRequestId",
                table: "PortalTodos",
                column: "ApprovalRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortalTodos_ClientAccountId_BumpedAt",
                table: "PortalTodos",
                columns: new[] { "ClientAccountId", "BumpedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Documents_ApprovalRequests_CurrentApprovalRequestId",
                table: "Documents",
                column: "CurrentApprovalRequestId",
                principalTable: "ApprovalRequests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Documents_ApprovalRequests_CurrentApprovalRequestId",
                table: "Documents");

            migrationBuilder.DropTable(
                name: "DisapprovalReasonOptions");

            migrationBuilder.DropTable(
                name: "DisapprovalReasons");

            migrationBuilder.DropTable(
                name: "PortalTodos");

            migrationBuilder.DropTable(
                name: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_Documents_CurrentApprovalRequestId",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "CurrentApprovalRequestId",
                table: "Documents");
        }
    }
}
