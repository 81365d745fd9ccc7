using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Rooms become records of their branch (names, capacity, active flag) and classes point at one by <c>room_id</c>
    /// instead of naming it; trainers get profiles. The rooms classes named so far are created from those names.
    /// </summary>
    public partial class RoomsAndTrainers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rooms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    branch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_ar = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    name_ar_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true, computedColumnSql: "lower(name_ar)", stored: true),
                    name_en_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true, computedColumnSql: "lower(name_en)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rooms", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_rooms_branches_tenant_id_branch_id",
                        columns: x => new { x.tenant_id, x.branch_id },
                        principalTable: "branches",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "trainer_profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    display_name_ar = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bio_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    bio_ar = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    specialities = table.Column<string[]>(type: "text[]", nullable: false),
                    photo_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trainer_profiles", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_trainer_profiles_users_tenant_id_id",
                        columns: x => new { x.tenant_id, x.id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddColumn<Guid>(
                name: "room_id",
                table: "class_sessions",
                type: "uuid",
                nullable: true);

            // One room per name a branch's classes used (names compared trimmed and without case; the most used
            // spelling wins, in English and Arabic alike as there was only one), as large as the largest of those
            // classes, active; then each class points at its room, and the names go. The migrating role owns
            // class_sessions, so row-level security binds it only while forced: lifting that here, inside the
            // migration's transaction, lets it see every club's classes; it is forced again before the end.
            migrationBuilder.Sql("""
                ALTER TABLE class_sessions NO FORCE ROW LEVEL SECURITY;

                INSERT INTO rooms (id, tenant_id, branch_id, name_en, name_ar, capacity, is_active, created_at)
                SELECT gen_random_uuid(), tenant_id, branch_id,
                       mode() WITHIN GROUP (ORDER BY btrim(room)), mode() WITHIN GROUP (ORDER BY btrim(room)),
                       max(capacity), true, now()
                FROM class_sessions
                WHERE btrim(coalesce(room, '')) <> ''
                GROUP BY tenant_id, branch_id, lower(btrim(room));

                UPDATE class_sessions s
                SET room_id = r.id
                FROM rooms r
                WHERE r.tenant_id = s.tenant_id AND r.branch_id = s.branch_id AND r.name_en_key = lower(btrim(s.room));

                ALTER TABLE class_sessions FORCE ROW LEVEL SECURITY;
                """);

            migrationBuilder.DropColumn(
                name: "room",
                table: "class_sessions");

            migrationBuilder.CreateIndex(
                name: "ix_class_sessions_tenant_id_room_id",
                table: "class_sessions",
                columns: new[] { "tenant_id", "room_id" });

            migrationBuilder.CreateIndex(
                name: "ix_rooms_tenant_id_branch_id_name_ar_key",
                table: "rooms",
                columns: new[] { "tenant_id", "branch_id", "name_ar_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rooms_tenant_id_branch_id_name_en_key",
                table: "rooms",
                columns: new[] { "tenant_id", "branch_id", "name_en_key" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_class_sessions_rooms_tenant_id_room_id",
                table: "class_sessions",
                columns: new[] { "tenant_id", "room_id" },
                principalTable: "rooms",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.EnableTenantIsolation("rooms");
            migrationBuilder.EnableTenantIsolation("trainer_profiles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("trainer_profiles");
            migrationBuilder.DisableTenantIsolation("rooms");

            // Classes name their room again (its English name); trainer profiles are lost.
            migrationBuilder.AddColumn<string>(
                name: "room",
                table: "class_sessions",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.Sql("""
                ALTER TABLE class_sessions NO FORCE ROW LEVEL SECURITY;

                UPDATE class_sessions s
                SET room = r.name_en
                FROM rooms r
                WHERE r.tenant_id = s.tenant_id AND r.id = s.room_id;

                ALTER TABLE class_sessions FORCE ROW LEVEL SECURITY;
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_class_sessions_rooms_tenant_id_room_id",
                table: "class_sessions");

            migrationBuilder.DropTable(
                name: "rooms");

            migrationBuilder.DropTable(
                name: "trainer_profiles");

            migrationBuilder.DropIndex(
                name: "ix_class_sessions_tenant_id_room_id",
                table: "class_sessions");

            migrationBuilder.DropColumn(
                name: "room_id",
                table: "class_sessions");
        }
    }
}
