using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BookingPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "class_sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "waitlist_closed_at",
                table: "class_sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "booking_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opens_before_days = table.Column<int>(type: "integer", nullable: false),
                    closes_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    late_cancel_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    promotion_closes_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    reminder_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    max_future_bookings = table.Column<int>(type: "integer", nullable: false),
                    no_show_limit = table.Column<int>(type: "integer", nullable: false),
                    no_show_block_days = table.Column<int>(type: "integer", nullable: false),
                    late_cancel_penalty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    late_cancel_fee = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    no_show_fee = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_policies", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_booking_policies_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "member_charges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    waived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    waive_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    amount_net = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    amount_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    amount_vat = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_charges", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_member_charges_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_member_charges_members_tenant_id_member_id",
                        columns: x => new { x.tenant_id, x.member_id },
                        principalTable: "members",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_booking_policies_tenant_id",
                table: "booking_policies",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_charges_tenant_id_booking_id_reason",
                table: "member_charges",
                columns: new[] { "tenant_id", "booking_id", "reason" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_charges_tenant_id_member_id_created_at",
                table: "member_charges",
                columns: new[] { "tenant_id", "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_charges_tenant_id_status_created_at",
                table: "member_charges",
                columns: new[] { "tenant_id", "status", "created_at" });

            migrationBuilder.EnableTenantIsolation("booking_policies");
            migrationBuilder.EnableTenantIsolation("member_charges");

            // Classes already over or started are settled: the jobs take up only what happens from now on. Every club's
            // rows, as the owner (row-level security is forced on the owner too, so lifted for the statement).
            migrationBuilder.Sql("""
                ALTER TABLE class_sessions NO FORCE ROW LEVEL SECURITY;
                UPDATE class_sessions SET closed_at = ends_at WHERE ends_at < now();
                UPDATE class_sessions SET waitlist_closed_at = starts_at WHERE starts_at < now();
                ALTER TABLE class_sessions FORCE ROW LEVEL SECURITY;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("member_charges");
            migrationBuilder.DisableTenantIsolation("booking_policies");

            migrationBuilder.DropTable(
                name: "booking_policies");

            migrationBuilder.DropTable(
                name: "member_charges");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "class_sessions");

            migrationBuilder.DropColumn(
                name: "waitlist_closed_at",
                table: "class_sessions");
        }
    }
}
