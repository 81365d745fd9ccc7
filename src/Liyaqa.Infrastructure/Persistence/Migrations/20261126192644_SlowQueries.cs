using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liyaqa.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The runbook's <c>slow_queries</c> view over <c>pg_stat_statements</c> (statements by mean time). The
    /// server must preload the library; where the migrating role may not create the extension, the view is
    /// left out with a notice rather than failing the deployment.
    /// </summary>
    public partial class SlowQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS slow_queries;");
        }
    }
}
