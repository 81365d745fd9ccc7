using Microsoft.EntityFrameworkCore.Migrations;

namespace Liyaqa.Infrastructure.Persistence.Migrations;

/// <summary>
/// What the model does not say about the baseline schema: row-level security on every club's table, the outbox
/// dispatcher's way across clubs, issued invoices kept final by the database, and the operators' slow-query view.
/// </summary>
public partial class Baseline
{
    /// <summary>Every tenant-owned table of the baseline; a later migration that adds one secures it itself.</summary>
    private static readonly string[] TenantTables =
    [
        "branches", "users", "refresh_tokens", "password_reset_tokens", "notification_queue", "audit_log", "message_templates",
        "members", "membership_plans", "subscriptions", "check_ins", "tenant_counters", "member_imports",
        "class_types", "class_sessions", "bookings", "class_series", "booking_policies", "member_charges", "rooms", "trainer_profiles",
        "idempotency_keys", "invoices", "invoice_lines", "payments", "payment_allocations", "drawer_closes",
    ];

    private static void Secure(MigrationBuilder migrationBuilder)
    {
        foreach (var table in TenantTables)
        {
            migrationBuilder.EnableTenantIsolation(table);
        }

        migrationBuilder.OpenToDispatcher("notification_queue");

        // An issued invoice or credit note is final: only its payment state may change, and its lines never.
        migrationBuilder.Sql("""
            CREATE FUNCTION issued_invoices_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF OLD.status <> 'Draft' AND (TG_OP = 'DELETE'
                  OR to_jsonb(NEW) - ARRAY['status', 'paid_amount', 'credited_amount'] IS DISTINCT FROM to_jsonb(OLD) - ARRAY['status', 'paid_amount', 'credited_amount']) THEN
                RAISE EXCEPTION 'invoice % is issued and cannot be changed or deleted', OLD.number USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              RETURN COALESCE(NEW, OLD);
            END $$;
            CREATE TRIGGER issued_invoices_are_final BEFORE UPDATE OR DELETE ON invoices
              FOR EACH ROW EXECUTE FUNCTION issued_invoices_are_final();

            CREATE FUNCTION lines_of_issued_invoices_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE line invoice_lines;
            BEGIN
              line := COALESCE(NEW, OLD);
              IF EXISTS (SELECT FROM invoices i WHERE i.tenant_id = line.tenant_id AND i.id = line.invoice_id AND i.status <> 'Draft')
                 OR (TG_OP = 'UPDATE' AND EXISTS (SELECT FROM invoices i WHERE i.tenant_id = OLD.tenant_id AND i.id = OLD.invoice_id AND i.status <> 'Draft')) THEN
                RAISE EXCEPTION 'the lines of an issued invoice cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              RETURN line;
            END $$;
            CREATE TRIGGER lines_of_issued_invoices_are_final BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
              FOR EACH ROW EXECUTE FUNCTION lines_of_issued_invoices_are_final();
            """);

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

    /// <summary>Dropping the tables drops their policies and triggers; the view and the trigger functions go first.</summary>
    private static void Unsecure(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            DROP VIEW IF EXISTS slow_queries;
            DROP TRIGGER lines_of_issued_invoices_are_final ON invoice_lines;
            DROP FUNCTION lines_of_issued_invoices_are_final();
            DROP TRIGGER issued_invoices_are_final ON invoices;
            DROP FUNCTION issued_invoices_are_final();
            """);
}
