using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MemberCalendarFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "calendar_token_hash",
                table: "members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_tenant_id_calendar_token_hash",
                table: "members",
                columns: new[] { "tenant_id", "calendar_token_hash" },
                unique: true,
                filter: "calendar_token_hash IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_members_tenant_id_calendar_token_hash",
                table: "members");

            migrationBuilder.DropColumn(
                name: "calendar_token_hash",
                table: "members");
        }
    }
}
