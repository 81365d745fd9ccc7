using Microsoft.Extensions.Configuration;
using Quartz;

namespace Liyaqa.Infrastructure.Jobs;

/// <summary>
/// What a feature needs to put a recurring job on the clustered scheduler: a name, a cron expression in KSA
/// time that configuration (<c>Jobs:&lt;setting&gt;</c>) may replace, and what it does for the dashboard.
/// </summary>
public sealed class CronJobs(IQuartzBuilder quartz, IConfiguration configuration)
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

    public CronJobs Add<TJob>(string name, string cronSetting, string defaultCron, string when, string what)
        where TJob : IJob
    {
        quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(name)
                .WithDescription(when)
                .WithCronSchedule(configuration[$"Jobs:{cronSetting}"] ?? defaultCron, cron => cron.InTimeZone(Riyadh)),
            job => job.WithIdentity(name).WithDescription(what));
        return this;
    }
}
