using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// Brings the database to the current schema once per start, before the API takes traffic: creates the
/// database if missing, applies EF Core migrations as the owner, lets Quartz create its job-store tables,
/// and (re)creates the application role with its grants. Replicas starting together queue on a PostgreSQL advisory lock, so only one migrates at a time.
/// </summary>
public sealed class DatabaseMigrator(LiyaqaConnectionStrings connectionStrings, DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Key of the advisory lock every instance takes while migrating.</summary>
    private const long MigrationLockKey = 0x4C69_7961_7161; // "Liyaqa"

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var owner = new NpgsqlConnectionStringBuilder(connectionStrings.Owner);
        var database = owner.Database ?? throw new InvalidOperationException("The liyaqa connection string names no database.");

        // The lock lives in the maintenance database, which exists before ours does. It is a transaction-level lock
        // held by a transaction open for the whole migration, so it also holds behind PgBouncer in transaction mode
        // (a session lock would stay on whichever server connection took it) and ends with that connection if this
        // instance dies.
        var maintenance = new NpgsqlConnectionStringBuilder(connectionStrings.Owner) { Database = "postgres", Pooling = false };
        await using var lockConnection = new NpgsqlConnection(maintenance.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using var lockTransaction = await lockConnection.BeginTransactionAsync(cancellationToken);
        // Waits as long as another instance's migration takes (on a busy machine longer than a command's timeout).
        await using (var takeLock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", lockConnection, lockTransaction) { CommandTimeout = 0 })
        {
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }

        await CreateDatabaseIfMissingAsync(maintenance.ConnectionString, database, cancellationToken);

        await using (var db = LiyaqaDbContextFactory.ForOwner(connectionStrings.Owner))
        {
            var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(db.Database.GetMigrations()).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Database {database} was built by migrations this version does not know ({string.Join(", ", unknown)}); the schema was "
                    + "folded into one baseline before the first release. Drop the database (in development: delete the data folder, .data/) and start again.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        await Jobs.ScheduledJobs.ProvisionJobStoreAsync(connectionStrings.Owner, cancellationToken);

        await EnsureApplicationRoleAsync(database, cancellationToken);
        await LetSearchesUseIndexesUnderRowSecurityAsync(cancellationToken);

        // Ending the lock's transaction releases it; a failure above rolls it back (disposal), which releases it too.
        await lockTransaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>On a connection of its own: CREATE DATABASE cannot run inside the lock's transaction.</summary>
    private async Task CreateDatabaseIfMissingAsync(string maintenanceConnectionString, string database, CancellationToken ct)
    {
        await using var maintenance = new NpgsqlConnection(maintenanceConnectionString);
        await maintenance.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", maintenance);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            logger.LogInformation("Creating database {Database}", database);
            await ExecuteAsync(maintenance, $"CREATE DATABASE {QuoteIdentifier(database)} ENCODING 'UTF8'", ct);
        }
    }

    /// <summary>The role the API connects as: may read and write rows, owns nothing, never bypasses RLS.</summary>
    private async Task EnsureApplicationRoleAsync(string database, CancellationToken ct)
    {
        var role = QuoteIdentifier(options.AppRole);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionStrings.Owner) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {QuoteLiteral(options.AppRole)}) THEN
                CREATE ROLE {role} LOGIN;
              END IF;
            END $$;
            ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD {QuoteLiteral(options.AppRolePassword)};
            GRANT CONNECT ON DATABASE {QuoteIdentifier(database)} TO {role};
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE ALL ON TABLE "{LiyaqaDbContextFactory.MigrationsHistoryTable}" FROM {role};
            GRANT {Notifications.NotificationDispatcher.DispatcherRole} TO {role};
            """, ct);
    }

    /// <summary>
    /// Under row-level security PostgreSQL evaluates a query's own conditions only after the policy, unless their
    /// functions are marked leakproof — so <c>search_text LIKE '%…%'</c> could never use the trigram index and every
    /// member search would scan the club's whole table. LIKE's functions reveal nothing about rows they reject (their
    /// only errors concern the pattern, which the API builds), so they are marked leakproof in this database. That
    /// takes a superuser; without one, searches stay correct but slow, and this says so at start.
    /// </summary>
    private async Task LetSearchesUseIndexesUnderRowSecurityAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionStrings.Owner) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var check = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", connection);
        if (await check.ExecuteScalarAsync(ct) is true)
        {
            await ExecuteAsync(connection, """
                ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF;
                ALTER FUNCTION pg_catalog.like_escape(text, text) LEAKPROOF;
                """, ct);
        }
        else
        {
            logger.LogWarning("The migrating role is no superuser, so LIKE is not leakproof and member searches scan whole tables; "
                + "a superuser can run: ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF; ALTER FUNCTION pg_catalog.like_escape(text, text) LEAKPROOF;");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
