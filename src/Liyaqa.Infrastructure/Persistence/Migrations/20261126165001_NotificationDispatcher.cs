using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The outbox dispatcher's role: it works off every club's queued messages, so its one row-level policy
    /// opens <c>notification_queue</c> (and nothing else) across clubs. The application role may take it on
    /// with <c>SET LOCAL ROLE</c> inside the dispatcher's transactions.
    /// </summary>
    public partial class NotificationDispatcher : Migration
    {
        private const string Role = Notifications.NotificationDispatcher.DispatcherRole;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Role}') THEN
                    CREATE ROLE {Role} NOLOGIN NOBYPASSRLS;
                  END IF;
                END $$;
                GRANT SELECT ON tenants TO {Role};
                GRANT SELECT, UPDATE ON notification_queue TO {Role};
                CREATE POLICY dispatcher_all_clubs ON notification_queue TO {Role} USING (true) WITH CHECK (true);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP POLICY IF EXISTS dispatcher_all_clubs ON notification_queue;
                REVOKE ALL ON notification_queue FROM {Role};
                REVOKE ALL ON tenants FROM {Role};
                """);
        }
    }
}
