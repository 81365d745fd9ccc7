using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Infrastructure.Jobs;

/// <summary>
/// Runs the scheduler while the application runs: started once every other hosted service has started (the
/// database is migrated by then), stopped first when the instance stops, waiting for running jobs at most
/// <see cref="Patience"/>. Quartz's own stop never returns while the database is unreachable (it keeps retrying to
/// release its acquired triggers), which would keep a stopping instance alive; what a stopped instance leaves
/// is picked up by another one through the clustered job store.
/// </summary>
public sealed class SchedulerLifetime(ISchedulerFactory schedulers, ILogger<SchedulerLifetime> logger) : IHostedLifecycleService
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public async Task StartedAsync(CancellationToken cancellationToken) =>
        await (await schedulers.GetScheduler(cancellationToken)).Start(cancellationToken);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).AsTask().WaitAsync(Patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The scheduler did not stop within {Patience}; stopping without it", Patience);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
