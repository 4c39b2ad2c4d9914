using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class HubIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Documents_UploadedByUserId_LastActivityAt",
                table: "Documents",
                columns: new[] { "UploadedByUserId", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_RequestedAt",
                table: "ApprovalRequests",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_Status_RequestedAt",
                table: "ApprovalRequests",
                columns: new[] { "Status", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_UploadedByUserId_LastActivityAt",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_RequestedAt",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_Status_RequestedAt",
                table: "ApprovalRequests");
        }
    }
}
