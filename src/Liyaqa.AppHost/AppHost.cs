using Liyaqa.AppHost.BackingServices;
using Liyaqa.AppHost.Supervision;
using Liyaqa.ServiceDefaults;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

BackingServiceResources backing;
try
{
    backing = builder.AddBackingServices();
}
catch (MissingPrerequisiteException missing)
{
    Console.Error.WriteLine(missing.Message);
    return 1;
}

// Secrets the API needs; generated per run unless set (Parameters:<name> in configuration).
var appRolePassword = builder.AddParameter("db-app-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
var managementToken = builder.AddParameter("management-token", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

var replicas = builder.Configuration.GetValue("Liyaqa:ApiReplicas", 1);

var api = builder.AddProject<Projects.Liyaqa_Api>(LiyaqaResources.Api)
    .WithReference(backing.Database, LiyaqaResources.Database)
    .WithReference(backing.Cache, LiyaqaResources.Cache)
    .WaitFor(backing.Database)
    .WaitFor(backing.Cache)
    .WaitFor(backing.Mail)
    .WithEnvironment("SMTP_HOST", backing.Smtp.Property(EndpointProperty.Host))
    .WithEnvironment("SMTP_PORT", backing.Smtp.Property(EndpointProperty.Port))
    .WithEnvironment("Database__AppRolePassword", appRolePassword)
    .WithEnvironment("Management__Token", managementToken)
    .WithHttpHealthCheck("/health/ready")
    .WithReplicas(replicas)
    .WithRestartOnCrash();

if (!builder.ExecutionContext.IsPublishMode)
{
    // The payment gateway simulator (src/Liyaqa.Simulators): card tokens, charges and signed webhooks as a real gateway
    // answers them; development and tests only, never deployed (production names its gateway in Payments__*).
    var gatewaySecretKey = builder.AddParameter("gateway-secret-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
    var gatewayWebhookSecret = builder.AddParameter("gateway-webhook-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
    var gateway = builder.AddProject<Projects.Liyaqa_Simulators>(LiyaqaResources.GatewaySimulator)
        .WithEnvironment("Gateway__SecretKey", gatewaySecretKey)
        .WithEnvironment("Gateway__WebhookSecret", gatewayWebhookSecret)
        .WithEndpoint("http", endpoint => endpoint.Port = null) // any free port: test hosts run side by side
        .WithHttpHealthCheck("/health/ready")
        .WithRestartOnCrash()
        .ExcludeFromManifest();
    foreach (var (key, value) in builder.Configuration.GetSection("GatewaySettings").AsEnumerable(makePathsRelative: true))
    {
        if (value is not null)
        {
            gateway.WithEnvironment($"Gateway__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
        }
    }

    // Webhooks come back to the API's own address.
    api.WithEnvironment("Payments__Gateway", "Simulator")
        .WithEnvironment("Payments__Simulator__BaseUrl", gateway.GetEndpoint("http"))
        .WithEnvironment("Payments__Simulator__SecretKey", gatewaySecretKey)
        .WithEnvironment("Payments__Simulator__WebhookSecret", gatewayWebhookSecret)
        .WithEnvironment("Payments__CallbackBaseUrl", api.GetEndpoint("http"))
        .WaitFor(gateway);
}

if (replicas == 1)
{
    // A single instance listens on the API port itself (Liyaqa:ApiPort, else the launch profile's 8080): while it
    // is down a client is refused at once instead of being held by a proxy with nowhere to forward. Several
    // replicas need the orchestrator's load-balancing proxy.
    var apiPort = builder.Configuration.GetValue<int?>("Liyaqa:ApiPort");
    api.WithEndpoint("http", endpoint =>
    {
        endpoint.Port = apiPort ?? endpoint.Port;
        endpoint.TargetPort = endpoint.Port;
        endpoint.IsProxied = false;
    });
}

// Debian's PgBouncer (1.18) cannot follow prepared statements across its server connections in transaction mode;
// the image of the compose deployment and of container mode (1.25) can (max_prepared_statements).
if (backing.Database.Resource is EmbeddedPgBouncerResource)
{
    api.WithEnvironment("Database__MaxAutoPrepare", "0");
}

// Settings for the API handed to the AppHost as ApiSettings:<key>=<value> pass through unchanged
// (tests use this to shorten retry delays or switch on fault injection).
foreach (var (key, value) in builder.Configuration.GetSection("ApiSettings").AsEnumerable(makePathsRelative: true))
{
    if (value is not null)
    {
        api.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
    }
}

// The staff web app (src/Liyaqa.Web, Next.js) on http://localhost:3000, talking to the API through its own
// server. Liyaqa:WebApp picks how: Dev (`npm run dev`, the default), Production (`npm run start` after
// `npm run build`) or Off (the tests start it themselves).
var webMode = builder.Configuration.GetValue("Liyaqa:WebApp", "Dev");
if (builder.ExecutionContext.IsPublishMode)
{
    // Built from deploy/web.Dockerfile (Next.js' standalone server) by the generated compose file.
    builder.AddContainer(LiyaqaResources.Web, "liyaqa-frontend", "latest")
        .WithHttpEndpoint(targetPort: 3000, name: "http")
        .WithEnvironment("LIYAQA_API_URL", api.GetEndpoint("http"));
}
else if (!string.Equals(webMode, "Off", StringComparison.OrdinalIgnoreCase))
{
    var webDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "Liyaqa.Web"));
    var script = string.Equals(webMode, "Production", StringComparison.OrdinalIgnoreCase) ? "start" : "dev";
    builder.AddExecutable(LiyaqaResources.Web, "npm", webDirectory, "run", script)
        .WithHttpEndpoint(port: 3000, env: "PORT", isProxied: false)
        .WithEnvironment("LIYAQA_API_URL", api.GetEndpoint("http"))
        .WithEnvironment("NEXT_TELEMETRY_DISABLED", "1")
        .WithHttpHealthCheck("/healthz")
        .WaitFor(api);
}

builder.Build().Run();
return 0;
