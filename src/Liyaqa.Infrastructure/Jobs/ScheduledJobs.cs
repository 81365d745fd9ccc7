using Liyaqa.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Liyaqa.Infrastructure.Jobs;

/// <summary>
/// Quartz with its job store in PostgreSQL (the <c>qrtz_*</c> tables) in clustered mode: every API instance
/// runs a scheduler, and each firing of a job runs on exactly one of them. Pausing is stored there too,
/// so a maintenance pause holds across restarts and for every instance.
/// </summary>
public static class ScheduledJobs
{
    public const string SchedulerName = "liyaqa";

    /// <summary>
    /// The scheduler and its store; <paramref name="scheduleJobs"/> is where the features add their jobs, so this
    /// project knows none of them.
    /// </summary>
    public static IHostApplicationBuilder AddScheduledJobs(this IHostApplicationBuilder builder, LiyaqaConnectionStrings connectionStrings, Action<CronJobs> scheduleJobs)
    {
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.GenerateInstanceId = true;
            });
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionStrings.Scheduler);
                store.UseClustering();
            });

            scheduleJobs(new CronJobs(quartz, builder.Configuration));
        });
        builder.Services.AddHostedService<SchedulerLifetime>();
        builder.Services.AddSingleton<MaintenancePause>();
        return builder;
    }

    /// <summary>
    /// Creates the <c>qrtz_*</c> tables of the Quartz version in use, if missing, as the database owner
    /// (the application role may not create tables). Run by the migration step under its lock.
    /// </summary>
    public static async Task ProvisionJobStoreAsync(string ownerConnectionString, CancellationToken ct)
    {
        var provisioner = await QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName + "-schema");
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(ownerConnectionString);
                store.ProvisionSchema();
            });
        }).BuildScheduler(ct);
        await provisioner.Shutdown(waitForJobsToComplete: false, ct);
    }
}
