using Liyaqa.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Liyaqa.Infrastructure.Health;

/// <summary>The scheduler and its jobs: each job's last and next run; degraded while paused for maintenance.</summary>
internal sealed class JobsHealthCheck(MaintenancePause maintenance) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await maintenance.StatusAsync(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["paused"] = status.Paused,
                ["jobs"] = status.Jobs.ToDictionary(j => j.Name, j => (object)new { lastRun = j.LastRun, nextRun = j.NextRun }),
            };
            return status.Paused
                ? new HealthCheckResult(HealthStatus.Degraded, "Scheduled jobs are paused for maintenance.", data: data)
                : HealthCheckResult.Healthy("Scheduled jobs are running.", data);
        }
        catch (Exception ex) when (ex is SchedulerException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The job scheduler is not available.", ex);
        }
    }
}
