using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>
/// The locally installed PgBouncer run as an Aspire executable in front of the embedded PostgreSQL, pooling in
/// transaction mode with the settings production uses (deploy/pgbouncer/pooling.ini). Its connection string is the
/// database's as the superuser, through PgBouncer: the API migrates and serves requests through it.
/// </summary>
public sealed class EmbeddedPgBouncerResource(string name, string command, string workingDirectory, EmbeddedPostgresResource postgres, string databaseName)
    : EmbeddedServerResource(name, command, workingDirectory)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={EmbeddedPostgresResource.Superuser};Password={postgres.SuperuserPassword};Database={databaseName}");
}

internal static class EmbeddedPgBouncerExtensions
{
    /// <summary>Configuration key: run the embedded PgBouncer between the API and PostgreSQL.</summary>
    public const string Setting = "Liyaqa:PgBouncer";

    public static IResourceBuilder<EmbeddedPgBouncerResource> AddEmbeddedPgBouncer(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<EmbeddedPostgresResource> postgres, string databaseName, string dataRoot)
    {
        var directory = Path.Combine(dataRoot, "pgbouncer");
        Directory.CreateDirectory(directory);
        var pooling = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", "deploy", "pgbouncer", "pooling.ini"));
        var configFile = Path.Combine(directory, "pgbouncer.ini");
        var (command, prefix) = LocalBinaries.AsPostgresUser(LocalBinaries.PgBouncer());

        var resource = new EmbeddedPgBouncerResource(name, command, directory, postgres.Resource, databaseName);
        var healthCheckKey = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => EmbeddedPostgresExtensions.AcceptsConnectionsAsync(resource, ct));

        return builder.AddResource(resource)
            .WithArgs([.. prefix, configFile])
            .WithSupervisedEndpoint()
            .WithHealthCheck(healthCheckKey)
            .WaitFor(postgres)
            .OnBeforeResourceStarted(async (_, evt, ct) =>
            {
                var port = resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == EmbeddedServerResource.EndpointName).TargetPort;
                var serverPort = await postgres.Resource.PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(ct);
                var password = await postgres.Resource.SuperuserPassword.GetValueAsync(ct);
                await WriteConfigurationAsync(directory, configFile, pooling, port!.Value, serverPort!, password!, ct);
                evt.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource)
                    .LogInformation("PgBouncer on 127.0.0.1:{Port} in front of PostgreSQL on {ServerPort} ({Pooling})", port, serverPort, pooling);
            })
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Where to listen and which server to pool, then production's pooling settings. The superuser's password is the
    /// one entry of the auth file (PgBouncer looks every other role up in pg_shadow with it).
    /// </summary>
    private static async Task WriteConfigurationAsync(string directory, string configFile, string pooling, int port, string serverPort, string password, CancellationToken ct)
    {
        var authFile = Path.Combine(directory, "userlist.txt");
        await File.WriteAllTextAsync(authFile, $"\"{EmbeddedPostgresResource.Superuser}\" \"{password}\"\n", ct);
        await File.WriteAllTextAsync(configFile, $"""
            ;; Written by the AppHost at each start.
            [databases]
            * = host=127.0.0.1 port={serverPort}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_file = {authFile}
            ;; The admin console (psql -p {port} pgbouncer: SHOW POOLS, SHOW STATS).
            admin_users = {EmbeddedPostgresResource.Superuser}

            {await File.ReadAllTextAsync(pooling, ct)}
            """, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(authFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await LocalBinaries.HandOverToPostgresUserAsync(directory, ct);
    }
}
