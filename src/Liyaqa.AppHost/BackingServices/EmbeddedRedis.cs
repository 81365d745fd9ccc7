using Microsoft.Extensions.DependencyInjection;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>The locally installed redis-server run as an Aspire executable, as a cache without persistence.</summary>
public sealed class EmbeddedRedisResource(string name, string command, string workingDirectory)
    : EmbeddedServerResource(name, command, workingDirectory)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

internal static class EmbeddedRedisExtensions
{
    public static IResourceBuilder<EmbeddedRedisResource> AddEmbeddedRedis(this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        var workingDirectory = Path.Combine(dataRoot, "redis");
        Directory.CreateDirectory(workingDirectory);

        var resource = new EmbeddedRedisResource(name, LocalBinaries.RedisServer(), workingDirectory);
        var healthCheckKey = $"{name}-answers-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => resource.AnswersAsync("PING\r\n", "+PONG", ct));

        return builder.AddResource(resource)
            .WithSupervisedEndpoint()
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add(string.Empty);
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--dir");
                context.Args.Add(workingDirectory);
            })
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }
}
