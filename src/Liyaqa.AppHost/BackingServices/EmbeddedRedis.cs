using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => AnswersPingAsync(resource, ct));

        return builder.AddResource(resource)
            .WithEndpoint(name: EmbeddedRedisResource.EndpointName, scheme: "tcp")
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

    private static async Task<HealthCheckResult> AnswersPingAsync(EmbeddedRedisResource resource, CancellationToken ct)
    {
        try
        {
            var port = await resource.PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(ct);
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", int.Parse(port!, System.Globalization.CultureInfo.InvariantCulture), ct);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, ct);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Redis did not answer PING");
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Redis does not accept connections yet", ex);
        }
    }
}
