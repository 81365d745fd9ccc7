namespace Liyaqa.AppHost.BackingServices;

/// <summary>
/// PgBouncer as a container in front of the PostgreSQL container, configured by deploy/pgbouncer (transaction
/// pooling, the same settings as the embedded one). Its connection string is the database's as the superuser,
/// through PgBouncer.
/// </summary>
public sealed class PgBouncerContainerResource(string name, PostgresServerResource server, string databaseName)
    : ContainerResource(name), IResourceWithConnectionString
{
    internal const int Port = 6432;

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, "tcp");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={server.PasswordParameter};Database={databaseName}");
}

internal static class PgBouncerContainerExtensions
{
    private const string ConfigDirectory = "/etc/pgbouncer/liyaqa";

    public static IResourceBuilder<PgBouncerContainerResource> AddPgBouncerContainer(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<PostgresServerResource> server, string databaseName)
    {
        var pgbouncer = builder.AddResource(new PgBouncerContainerResource(name, server.Resource, databaseName))
            .WithImage("edoburu/pgbouncer", "v1.25.1-p0")
            .WithEndpoint(targetPort: PgBouncerContainerResource.Port, name: "tcp", scheme: "tcp")
            .WithEnvironment("POSTGRES_PASSWORD", server.Resource.PasswordParameter)
            .WithEnvironment("DB_HOST", server.Resource.PrimaryEndpoint.Property(EndpointProperty.Host))
            .WithEnvironment("DB_PORT", server.Resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort))
            // The superuser's password as the auth file, the server's address, then deploy/pgbouncer/pgbouncer.ini.
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", $"""
                printf '"postgres" "%s"\n' "$POSTGRES_PASSWORD" > /tmp/userlist.txt && chmod 600 /tmp/userlist.txt && printf '[databases]\n* = host=%s port=%s\n' "$DB_HOST" "$DB_PORT" > /tmp/databases.ini && exec pgbouncer {ConfigDirectory}/pgbouncer.ini
                """)
            .WaitFor(server);
        if (!builder.ExecutionContext.IsPublishMode)
        {
            // The generated compose mounts the same folder (deploy/compose/generate.py).
            pgbouncer.WithBindMount(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", "deploy", "pgbouncer")), ConfigDirectory, isReadOnly: true);
        }

        return pgbouncer;
    }
}
