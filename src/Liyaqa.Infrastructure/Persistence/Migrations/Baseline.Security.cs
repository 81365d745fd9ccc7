using Microsoft.EntityFrameworkCore.Migrations;

namespace Liyaqa.Infrastructure.Persistence.Migrations;

/// <summary>
/// What the model does not say about the baseline schema: row-level security on every club's table, the outbox
/// dispatcher's way across clubs, and the operators' slow-query view.
/// </summary>
public partial class Baseline
{
    /// <summary>Every tenant-owned table of the baseline; a later migration that adds one secures it itself.</summary>
    private static readonly string[] TenantTables =
    [
        "branches", "users", "refresh_tokens", "password_reset_tokens", "notification_queue", "audit_log", "message_templates",
        "members", "membership_plans", "subscriptions", "check_ins", "tenant_counters", "member_imports",
        "class_types", "class_sessions", "bookings", "class_series", "booking_policies", "member_charges", "rooms", "trainer_profiles",
    ];

    private static void Secure(MigrationBuilder migrationBuilder)
    {
        foreach (var table in TenantTables)
        {
            migrationBuilder.EnableTenantIsolation(table);
        }

        migrationBuilder.OpenToDispatcher("notification_queue");

        // The slowest statements for operators (docs/PRODUCTION_RUNBOOK.md); where the extension cannot be created
        // the view is left out with a notice rather than failing the deployment.
        migrationBuilder.Sql("""
            DO $$ BEGIN
              CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
              CREATE OR REPLACE VIEW slow_queries AS
                SELECT query, calls, total_exec_time, mean_exec_time, max_exec_time, rows
                FROM pg_stat_statements
                WHERE query NOT LIKE '%pg_stat_statements%'
                ORDER BY mean_exec_time DESC;
            EXCEPTION WHEN insufficient_privilege THEN
              RAISE NOTICE 'pg_stat_statements is not available to this role; slow_queries not created';
            END $$;
            """);
    }

    /// <summary>Dropping the tables drops their policies; the view goes first as it reads none of them.</summary>
    private static void Unsecure(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP VIEW IF EXISTS slow_queries;");
}
