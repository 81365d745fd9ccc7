using System.Net;
using System.Net.Sockets;
using System.Text;
using Liyaqa.AppHost.Supervision;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>A locally installed server run as an Aspire executable, reached on one TCP endpoint on loopback.</summary>
public abstract class EmbeddedServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public abstract ReferenceExpression ConnectionStringExpression { get; }

    /// <summary>
    /// A readiness check: the server accepts a connection on its endpoint and, after <paramref name="say"/>
    /// (if any), answers with a line starting <paramref name="expectedReply"/>.
    /// </summary>
    internal async Task<HealthCheckResult> AnswersAsync(string? say, string expectedReply, CancellationToken ct)
    {
        try
        {
            var port = await PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(ct);
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", int.Parse(port!, System.Globalization.CultureInfo.InvariantCulture), ct);
            var stream = client.GetStream();
            if (say is not null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(say), ct);
            }

            var buffer = new byte[128];
            var read = await stream.ReadAsync(buffer, ct);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith(expectedReply, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{Name} answered unexpectedly");
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{Name} does not accept connections yet", ex);
        }
    }
}

internal static class EmbeddedServerExtensions
{
    /// <summary>
    /// The server's endpoint on a loopback port chosen once per AppHost run and bound by the server itself (no
    /// orchestrator proxy): while the server is down a client is refused at once rather than held by a proxy that
    /// forwards nothing, and the supervisor's restart listens on the same port, so connection strings stay valid.
    /// </summary>
    public static IResourceBuilder<T> WithSupervisedEndpoint<T>(this IResourceBuilder<T> builder, string? env = null)
        where T : EmbeddedServerResource
    {
        var port = LocalPorts.FreeLoopbackPort();
        return builder
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: EmbeddedServerResource.EndpointName, env: env, isProxied: false)
            .WithRestartOnCrash();
    }
}

public static class LocalPorts
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
