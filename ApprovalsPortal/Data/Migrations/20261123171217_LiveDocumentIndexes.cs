using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveDocumentIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_CurrentApprovalRequestId",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_Documents_LastActivityAt",
                table: "Documents");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_Live_CurrentApprovalRequestId",
                table: "Documents",
                column: "CurrentApprovalRequestId",
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_Live_LastActivityAt",
                table: "Documents",
                column: "LastActivityAt",
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_Live_CurrentApprovalRequestId",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_Documents_Live_LastActivityAt",
                table: "Documents");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_CurrentApprovalRequestId",
                table: "Documents",
                column: "CurrentApprovalRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_LastActivityAt",
                table: "Documents",
                column: "LastActivityAt");
        }
    }
}
