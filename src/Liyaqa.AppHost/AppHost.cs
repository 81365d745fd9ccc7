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

// Settings for the API handed to the AppHost as ApiSettings:<key>=<value> pass through unchanged
// (tests use this to shorten retry delays or switch on fault injection).
foreach (var (key, value) in builder.Configuration.GetSection("ApiSettings").AsEnumerable(makePathsRelative: true))
{
    if (value is not null)
    {
        api.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
    }
}

builder.Build().Run();
return 0;
