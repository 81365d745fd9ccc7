using Liyaqa.Api.Common.Security;
using Liyaqa.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Maintenance;

/// <summary>
/// The runbook's maintenance window: operators pause every scheduled job (and mail delivery) on all
/// instances, and resume them afterwards. The pause is kept in the job store and survives restarts.
/// </summary>
public static class MaintenanceEndpoints
{
    public static WebApplication MapMaintenance(this WebApplication app)
    {
        var group = app.MapGroup("/api/platform/maintenance").WithTags("Platform: maintenance").RequireAuthorization(Policies.PlatformOperator);
        group.MapGet("/", StatusAsync).WithSummary("Whether scheduled jobs are paused, and each job's last and next run.");
        group.MapPost("/pause", PauseAsync).WithSummary("Pause all scheduled jobs and mail delivery.");
        group.MapPost("/resume", ResumeAsync).WithSummary("Resume all scheduled jobs and mail delivery.");
        return app;
    }

    private static async Task<Ok<SchedulerStatus>> StatusAsync(MaintenancePause maintenance, CancellationToken ct) =>
        TypedResults.Ok(await maintenance.StatusAsync(ct));

    private static async Task<Ok<SchedulerStatus>> PauseAsync(MaintenancePause maintenance, ILoggerFactory loggers, CancellationToken ct)
    {
        await maintenance.PauseAsync(ct);
        loggers.CreateLogger("Liyaqa.Maintenance").LogWarning("All scheduled jobs paused by a platform operator");
        return TypedResults.Ok(await maintenance.StatusAsync(ct));
    }

    private static async Task<Ok<SchedulerStatus>> ResumeAsync(MaintenancePause maintenance, ILoggerFactory loggers, CancellationToken ct)
    {
        await maintenance.ResumeAsync(ct);
        loggers.CreateLogger("Liyaqa.Maintenance").LogWarning("All scheduled jobs resumed by a platform operator");
        return TypedResults.Ok(await maintenance.StatusAsync(ct));
    }
}
