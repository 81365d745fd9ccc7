using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Liyaqa.Infrastructure.Health;

/// <summary>Free space on the volume the API runs from: degraded under 20 % (the runbook's alert), down under 5 %.</summary>
internal sealed class DiskSpaceHealthCheck(IHostEnvironment environment) : IHealthCheck
{
    private const double WarnBelowFreePercent = 20;
    private const double FailBelowFreePercent = 5;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(environment.ContentRootPath);
        var freePercent = 100.0 * CapacityMetrics.FreeRatio(environment.ContentRootPath);
        var data = new Dictionary<string, object>
        {
            ["path"] = drive.RootDirectory.FullName,
            ["totalBytes"] = drive.TotalSize,
            ["freeBytes"] = drive.AvailableFreeSpace,
            ["freePercent"] = Math.Round(freePercent, 1),
        };
        var result = freePercent switch
        {
            < FailBelowFreePercent => new HealthCheckResult(context.Registration.FailureStatus, "Disk space is almost exhausted.", data: data),
            < WarnBelowFreePercent => HealthCheckResult.Degraded("Disk space is low.", data: data),
            _ => HealthCheckResult.Healthy("Disk space is sufficient.", data),
        };
        return Task.FromResult(result);
    }
}
