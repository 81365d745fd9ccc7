using Liyaqa.AppHost.BackingServices;
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
    .WithEnvironment("Database__AppRolePassword", appRolePassword)
    .WithEnvironment("Management__Token", managementToken)
    .WithHttpHealthCheck("/health/ready")
    .WithReplicas(replicas);

// Tests of error handling and alerting switch on the API's fault-injection endpoint; never on in production.
if (builder.Configuration.GetValue<bool>(FaultInjection.Setting))
{
    api.WithEnvironment(FaultInjection.Setting.Replace(":", "__", StringComparison.Ordinal), "true");
}

builder.Build().Run();
return 0;
