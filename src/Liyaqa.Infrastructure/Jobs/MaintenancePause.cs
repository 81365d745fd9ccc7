using Quartz;

namespace Liyaqa.Infrastructure.Jobs;

public sealed record JobStatus(string Name, string? Description, DateTimeOffset? LastRun, DateTimeOffset? NextRun);

public sealed record SchedulerStatus(bool Paused, IReadOnlyList<JobStatus> Jobs);

/// <summary>
/// The operators' maintenance switch: pauses every scheduled job (and mail delivery, which waits in the
/// outbox) on all instances until resumed. The paused state lives in the job store, so it survives restarts.
/// </summary>
public sealed class MaintenancePause(ISchedulerFactory schedulers)
{
    public async Task PauseAsync(CancellationToken ct) => await (await SchedulerAsync(ct)).PauseAll(ct);

    public async Task ResumeAsync(CancellationToken ct) => await (await SchedulerAsync(ct)).ResumeAll(ct);

    /// <summary>Paused by an operator — or the instance is stopping and its scheduler is already shut down.</summary>
    public async Task<bool> IsPausedAsync(CancellationToken ct)
    {
        var scheduler = await SchedulerAsync(ct);
        return await scheduler.GetStatus(ct) is Quartz.SchedulerStatus.ShuttingDown or Quartz.SchedulerStatus.Shutdown
            || (await scheduler.GetPausedTriggerGroups(ct)).Count > 0;
    }

    public async Task<SchedulerStatus> StatusAsync(CancellationToken ct)
    {
        var scheduler = await SchedulerAsync(ct);
        var jobs = new List<JobStatus>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), ct))
        {
            var trigger = await scheduler.GetTrigger(key, ct);
            if (trigger is not null)
            {
                jobs.Add(new JobStatus(trigger.JobKey.Name, trigger.Description, trigger.PreviousFireTimeUtc, trigger.NextFireTimeUtc));
            }
        }

        return new SchedulerStatus(await IsPausedAsync(ct), jobs);
    }

    // The instance's one scheduler, kept: once it is shut down, asking the factory again would build and set up a new one.
    private IScheduler? _scheduler;

    private async Task<IScheduler> SchedulerAsync(CancellationToken ct) => _scheduler ??= await schedulers.GetScheduler(ct);
}
