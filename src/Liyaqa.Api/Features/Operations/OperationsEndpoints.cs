using Liyaqa.Api.Common.Security;
using Liyaqa.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Liyaqa.Api.Features.Operations;

/// <summary>
/// The runbook's operations contract: <c>/api/health</c> (liveness, no I/O) and <c>/actuator/health</c>
/// (each component) are public; <c>/actuator/info</c> and <c>/actuator/prometheus</c> need the operators'
/// management token. <c>/health/ready</c> comes from the service defaults.
/// </summary>
public static class OperationsEndpoints
{
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapGet("/api/health", (TimeProvider clock) => TypedResults.Ok(new LivenessResponse("UP", clock.GetUtcNow())))
            .WithTags("Operations")
            .WithSummary("Liveness: the API process answers (no I/O).")
            .AllowAnonymous();

        app.MapHealthChecks("/actuator/health", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync })
            .AllowAnonymous();

        app.MapGet("/actuator/info", (BuildInfo build, IHostEnvironment environment) =>
                TypedResults.Ok(new InfoResponse(build, environment.EnvironmentName, InstanceInfo.Current)))
            .WithTags("Operations")
            .WithSummary("Version, git commit, build time, environment, and which instance answered.")
            .RequireAuthorization(Policies.PlatformOperator);

        app.MapPrometheusScrapingEndpoint("/actuator/prometheus")
            .RequireAuthorization(Policies.PlatformOperator);
        return app;
    }
}

public sealed record LivenessResponse(string Status, DateTimeOffset Timestamp);

public sealed record InfoResponse(BuildInfo Build, string Environment, InstanceInfo Instance);

/// <summary>The API instance that answered: with several replicas, operators see which one.</summary>
public sealed record InstanceInfo(string Host, int ProcessId, DateTimeOffset StartedAt)
{
    public static InstanceInfo Current { get; } = new(
        System.Environment.MachineName,
        System.Environment.ProcessId,
        new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero));
}
