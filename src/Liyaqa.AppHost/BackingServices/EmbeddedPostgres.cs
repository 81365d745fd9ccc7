using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>
/// The locally installed PostgreSQL server run as an Aspire executable. Its connection string points
/// at the application database as the superuser; the API creates that database and its own roles.
/// </summary>
public sealed class EmbeddedPostgresResource(string name, string command, string workingDirectory, string databaseName, ParameterResource superuserPassword)
    : EmbeddedServerResource(name, command, workingDirectory)
{
    internal const string Superuser = "postgres";

    internal ParameterResource SuperuserPassword => superuserPassword;

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={Superuser};Password={SuperuserPassword};Database={databaseName}");
}

internal static class EmbeddedPostgresExtensions
{
    public static IResourceBuilder<EmbeddedPostgresResource> AddEmbeddedPostgres(
        this IDistributedApplicationBuilder builder, string name, string databaseName, string dataRoot)
    {
        var binDirectory = LocalBinaries.PostgresBinDirectory(builder.Configuration["Liyaqa:PostgresBinDirectory"]);
        var cluster = new PostgresCluster(Path.Combine(dataRoot, "postgres"), binDirectory);
        var password = builder.AddParameter($"{name}-password", cluster.SuperuserPassword(), publishValueAsDefault: false, secret: true);
        var (command, prefix) = LocalBinaries.SupervisedPostgres(Path.Combine(binDirectory, "postgres"));

        var resource = new EmbeddedPostgresResource(name, command, cluster.Root, databaseName, password.Resource);
        var healthCheckKey = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => AcceptsConnectionsAsync(resource, ct));

        return builder.AddResource(resource)
            .WithArgs(prefix)
            .WithArgs(
                "-D", cluster.DataDirectory,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                // After a crash, flush the data directory with one syncfs() rather than an fsync() per file,
                // which took seconds before recovery could even start.
                "-c", "recovery_init_sync_method=syncfs",
                // Query statistics behind the runbook's slow_queries view.
                "-c", "shared_preload_libraries=pg_stat_statements")
            // The port reaches postgres in PGPORT.
            .WithSupervisedEndpoint(env: "PGPORT")
            .WithHealthCheck(healthCheckKey)
            .OnBeforeResourceStarted((_, evt, ct) =>
                cluster.EnsureInitializedAsync(evt.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource), ct))
            .OnResourceReady(async (_, evt, ct) =>
            {
                var host = await resource.PrimaryEndpoint.Property(EndpointProperty.Host).GetValueAsync(ct);
                var port = await resource.PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(ct);
                var (script, command) = cluster.WritePsqlScript(host!, port!, databaseName);
                evt.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource)
                    .LogInformation("psql on this server: {Script} (the same as: {Command})", script, command);
            })
            .ExcludeFromManifest();
    }

    /// <summary>The server (or the pooler in front of it) completes a login and answers a query.</summary>
    internal static async Task<HealthCheckResult> AcceptsConnectionsAsync(IResourceWithConnectionString resource, CancellationToken ct)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct);
            // The maintenance database always exists; the application database is created by the API.
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not accept connections yet", ex);
        }
    }
}

/// <summary>One PostgreSQL data directory: created by initdb on first use and kept between runs.</summary>
internal sealed class PostgresCluster(string root, string binDirectory)
{
    public string Root { get; } = root;

    public string DataDirectory => Path.Combine(Root, "data");

    private string PasswordFile => Path.Combine(Root, "superuser-password");

    /// <summary>
    /// Writes <c>psql</c> beside the cluster's folder (<c>.data/psql</c>): psql on the server's current port as the
    /// superuser, the password read from its file; arguments are passed on. Returns the script and what it runs.
    /// </summary>
    public (string Script, string Command) WritePsqlScript(string host, string port, string databaseName)
    {
        var script = Path.Combine(Path.GetDirectoryName(Root)!, "psql");
        var password = $"PGPASSWORD=\"$(cat '{PasswordFile}')\"";
        var psql = $"'{Path.Combine(binDirectory, "psql")}' -h {host} -p {port} -U {EmbeddedPostgresResource.Superuser} -d {databaseName}";
        File.WriteAllText(script, $"""
            #!/bin/sh
            # Written by the AppHost each time the embedded PostgreSQL starts (its port changes): psql as its superuser.
            {password} && export PGPASSWORD
            exec {psql} "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return (script, $"{password} {psql}");
    }

    /// <summary>The superuser password, made once with the cluster and kept beside it.</summary>
    public string SuperuserPassword()
    {
        Directory.CreateDirectory(Root);
        if (!File.Exists(PasswordFile))
        {
            File.WriteAllText(PasswordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(PasswordFile).Trim();
    }

    public async Task EnsureInitializedAsync(ILogger logger, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await LocalBinaries.HandOverToPostgresUserAsync(Root, ct);
            return;
        }

        logger.LogInformation("Initialising a new PostgreSQL cluster in {DataDirectory}", DataDirectory);
        await LocalBinaries.HandOverToPostgresUserAsync(Root, ct);
        var (command, prefix) = LocalBinaries.AsPostgresUser(Path.Combine(binDirectory, "initdb"));
        await LocalBinaries.RunAsync(command, [.. prefix,
            "-D", DataDirectory,
            "-U", EmbeddedPostgresResource.Superuser,
            $"--pwfile={PasswordFile}",
            "--auth-host=scram-sha-256",
            "--auth-local=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8"], logger, ct);
    }
}
