namespace Liyaqa.AppHost.BackingServices;

/// <summary>A locally installed server run as an Aspire executable, reached on one TCP endpoint on loopback.</summary>
public abstract class EmbeddedServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public abstract ReferenceExpression ConnectionStringExpression { get; }
}
