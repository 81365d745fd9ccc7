using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Liyaqa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Row-level security for a tenant-owned table: enabled and forced (so even the table owner is bound),
/// with one policy letting a transaction see and write only the rows of the tenant in <c>app.tenant_id</c>.
/// An unset or empty setting matches no row. Every migration that creates a tenant-owned table calls this.
/// </summary>
public static class TenantIsolationMigrations
{
    public const string PolicyName = "tenant_isolation";

    private const string CurrentTenant = $"NULLIF(current_setting('{TenantTransactionInterceptor.SettingName}', true), '')::uuid";

    public static void EnableTenantIsolation(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            CREATE POLICY {PolicyName} ON {table}
              USING (tenant_id = {CurrentTenant})
              WITH CHECK (tenant_id = {CurrentTenant});
            """);
    }

    public static void DisableTenantIsolation(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            DROP POLICY IF EXISTS {PolicyName} ON {table};
            ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
            """);
    }

    /// <summary>
    /// Lets the outbox dispatcher's role (<c>liyaqa_dispatcher</c>, no login, taken with <c>SET LOCAL ROLE</c>)
    /// read and update every club's rows of <paramref name="table"/>: its one policy opens that table and
    /// nothing else. It also reads the clubs' names.
    /// </summary>
    public static void OpenToDispatcher(this MigrationBuilder migrationBuilder, string table)
    {
        const string role = Notifications.NotificationDispatcher.DispatcherRole;
        migrationBuilder.Sql($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE {role} NOLOGIN NOBYPASSRLS;
              END IF;
            END $$;
            GRANT SELECT ON tenants TO {role};
            GRANT SELECT, UPDATE ON {table} TO {role};
            CREATE POLICY dispatcher_all_clubs ON {table} TO {role} USING (true) WITH CHECK (true);
            """);
    }
}
