using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClassSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "series_id",
                table: "class_sessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "class_series",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    class_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    branch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_class_series", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_class_series_class_types_tenant_id_class_type_id",
                        columns: x => new { x.tenant_id, x.class_type_id },
                        principalTable: "class_types",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_class_sessions_tenant_id_series_id",
                table: "class_sessions",
                columns: new[] { "tenant_id", "series_id" });

            migrationBuilder.CreateIndex(
                name: "ix_class_series_tenant_id_class_type_id",
                table: "class_series",
                columns: new[] { "tenant_id", "class_type_id" });

            migrationBuilder.EnableTenantIsolation("class_series");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("class_series");
            migrationBuilder.DropTable(
                name: "class_series");

            migrationBuilder.DropIndex(
                name: "ix_class_sessions_tenant_id_series_id",
                table: "class_sessions");

            migrationBuilder.DropColumn(
                name: "series_id",
                table: "class_sessions");
        }
    }
}
