using System.Diagnostics;
using Liyaqa.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>The database, cache and SMTP server the API uses, whichever way they are provided.</summary>
public sealed record BackingServiceResources(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithEndpoints> Mail,
    EndpointReference Smtp);

/// <summary>How PostgreSQL and Redis are provided to the API.</summary>
public enum BackingServiceMode
{
    /// <summary>Containers when a container runtime answers, embedded processes otherwise.</summary>
    Auto,

    /// <summary>Aspire's PostgreSQL and Redis container integrations.</summary>
    Containers,

    /// <summary>The locally installed postgres and redis-server binaries, run as executables.</summary>
    Embedded,
}

public static class BackingServicesExtensions
{
    /// <summary>Configuration key choosing <see cref="BackingServiceMode"/> (env: <c>Liyaqa__BackingServices</c>).</summary>
    public const string ModeSetting = "Liyaqa:BackingServices";

    public static BackingServiceResources AddBackingServices(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue(ModeSetting, BackingServiceMode.Auto);
        if (builder.ExecutionContext.IsPublishMode)
        {
            // A published model (manifest, compose) always describes containers.
            mode = BackingServiceMode.Containers;
        }
        else if (mode == BackingServiceMode.Auto)
        {
            mode = ContainerRuntimeAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker") ? BackingServiceMode.Containers : BackingServiceMode.Embedded;
            Console.WriteLine($"Liyaqa: PostgreSQL and Redis run as {(mode == BackingServiceMode.Containers ? "containers" : "embedded local processes")} ({ModeSetting}=Auto).");
        }

        return mode == BackingServiceMode.Containers ? AddContainers(builder) : AddEmbedded(builder);
    }

    private static BackingServiceResources AddContainers(IDistributedApplicationBuilder builder)
    {
        var server = builder.AddPostgres(LiyaqaResources.Postgres)
            .WithDataVolume("liyaqa-postgres-data")
            // Query statistics behind the runbook's slow_queries view.
            .WithArgs("-c", "shared_preload_libraries=pg_stat_statements");
        // The API reaches the database through PgBouncer in transaction mode, so API replicas can be added
        // without each holding its own pool of server connections.
        var database = builder.AddPgBouncerContainer(LiyaqaResources.PgBouncer, server, LiyaqaResources.Database);
        var cache = builder.AddRedis(LiyaqaResources.Cache);
        // A mail catcher: SMTP on 1025, a web inbox on 8025.
        var mail = builder.AddContainer(LiyaqaResources.Mail, "axllent/mailpit")
            .WithEndpoint(targetPort: 1025, name: "smtp", scheme: "tcp")
            .WithHttpEndpoint(targetPort: 8025, name: "inbox");
        return new BackingServiceResources(database, cache, mail, mail.GetEndpoint("smtp"));
    }

    private static BackingServiceResources AddEmbedded(IDistributedApplicationBuilder builder)
    {
        var dataRoot = LocalDataDirectory.Resolve(builder);
        var postgres = builder.AddEmbeddedPostgres(LiyaqaResources.Postgres, LiyaqaResources.Database, dataRoot);
        IResourceBuilder<IResourceWithConnectionString> database = builder.Configuration.GetValue(EmbeddedPgBouncerExtensions.Setting, false)
            ? builder.AddEmbeddedPgBouncer(LiyaqaResources.PgBouncer, postgres, LiyaqaResources.Database, dataRoot)
            : postgres;
        var cache = builder.AddEmbeddedRedis(LiyaqaResources.Cache, dataRoot);
        var mail = builder.AddEmbeddedMailSink(LiyaqaResources.Mail, dataRoot);
        return new BackingServiceResources(database, cache, mail, mail.Resource.PrimaryEndpoint);
    }

    /// <summary>True when the configured container runtime's daemon answers within a few seconds.</summary>
    private static bool ContainerRuntimeAnswers(string runtime)
    {
        var executable = LocalBinaries.FindOnPath(runtime);
        if (executable is null)
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo(executable, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
