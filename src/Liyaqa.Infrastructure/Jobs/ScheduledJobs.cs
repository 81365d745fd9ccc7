using Liyaqa.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
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

    public static IHostApplicationBuilder AddScheduledJobs(this IHostApplicationBuilder builder, LiyaqaConnectionStrings connectionStrings)
    {
        var riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.GenerateInstanceId = true;
            });
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionStrings.Application);
                store.UseClustering();
            });

            quartz.ScheduleJob<HousekeepingJob>(
                trigger => trigger.WithIdentity(HousekeepingJob.Name)
                    .WithDescription("Nightly at 03:30 KSA")
                    .WithCronSchedule(builder.Configuration["Jobs:HousekeepingCron"] ?? "0 30 3 * * ?", cron => cron.InTimeZone(riyadh)),
                job => job.WithIdentity(HousekeepingJob.Name).WithDescription("Purge spent tokens and old sent notifications"));
            quartz.ScheduleJob<Memberships.MembershipLifecycleJob>(
                trigger => trigger.WithIdentity(Memberships.MembershipLifecycleJob.Name)
                    .WithDescription("Daily at 00:15 KSA")
                    .WithCronSchedule(builder.Configuration["Jobs:MembershipCron"] ?? "0 15 0 * * ?", cron => cron.InTimeZone(riyadh)),
                job => job.WithIdentity(Memberships.MembershipLifecycleJob.Name).WithDescription("Renew, expire and remind memberships; keep member statuses current"));
            quartz.ScheduleJob<ClassReminderJob>(
                trigger => trigger.WithIdentity(ClassReminderJob.Name)
                    .WithDescription("Every 5 minutes")
                    .WithCronSchedule(builder.Configuration["Jobs:ClassReminderCron"] ?? "0 0/5 * * * ?", cron => cron.InTimeZone(riyadh)),
                job => job.WithIdentity(ClassReminderJob.Name).WithDescription("Remind booked members before their class"));
            quartz.ScheduleJob<NoShowJob>(
                trigger => trigger.WithIdentity(NoShowJob.Name)
                    .WithDescription("Every 5 minutes")
                    .WithCronSchedule(builder.Configuration["Jobs:NoShowCron"] ?? "0 0/5 * * * ?", cron => cron.InTimeZone(riyadh)),
                job => job.WithIdentity(NoShowJob.Name).WithDescription("Close ended classes: unattended places become no-shows, fill is counted"));
            quartz.ScheduleJob<WaitlistCutoffJob>(
                trigger => trigger.WithIdentity(WaitlistCutoffJob.Name)
                    .WithDescription("Every minute")
                    .WithCronSchedule(builder.Configuration["Jobs:WaitlistCutoffCron"] ?? "0 * * * * ?", cron => cron.InTimeZone(riyadh)),
                job => job.WithIdentity(WaitlistCutoffJob.Name).WithDescription("Close waitlists at the promotion cut-off and tell those still waiting"));
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
