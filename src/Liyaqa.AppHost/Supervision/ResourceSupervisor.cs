using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liyaqa.AppHost.Supervision;

/// <summary>Marks a resource whose process the <see cref="ResourceSupervisor"/> starts again when it dies.</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation;

public static class SupervisionExtensions
{
    /// <summary>
    /// Starts the resource (each replica on its own) again, with backoff, whenever its process ends without
    /// having been stopped: a crash, a <c>kill -9</c>, the OOM killer. A stop from the dashboard stays a stop.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder) where T : IResource
    {
        builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ResourceSupervisor>());
        return builder.WithAnnotation(new RestartOnCrashAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }
}

/// <summary>
/// Watches the resources marked <see cref="RestartOnCrashAnnotation"/>. A resource that goes from running (or
/// starting) to a terminal state without passing through <c>Stopping</c> has crashed: it gets the dashboard's
/// start command after a delay that grows with each crash in a row (0.2 s, 1, 2, 4, 8, 15, then every 30 s) and
/// falls back to the shortest once the process has stayed up for a minute. Both the resource's console and the
/// AppHost's own log say so.
/// </summary>
internal sealed class ResourceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<ResourceSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan[] Backoff = [.. new[] { 0.2, 1, 2, 4, 8, 15, 30 }.Select(TimeSpan.FromSeconds)];
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var change in notifications.WatchAsync(running.Token))
            {
                if (!change.Resource.TryGetLastAnnotation<RestartOnCrashAnnotation>(out _))
                {
                    continue;
                }

                if (!_instances.TryGetValue(change.ResourceId, out var instance))
                {
                    _instances[change.ResourceId] = instance = new Instance(change.ResourceId);
                }

                if (instance.Observe(change.Snapshot.State?.Text, DateTimeOffset.UtcNow) is { } delay)
                {
                    _ = RestartAsync(instance, change.Snapshot.ExitCode, delay, running.Token);
                }
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // The AppHost is stopping: what stops now stays stopped.
        }
    }

    private async Task RestartAsync(Instance instance, int? exitCode, TimeSpan delay, CancellationToken ct)
    {
        var resourceLog = resourceLogs.GetLogger(instance.ResourceId);
        try
        {
            resourceLog.LogWarning("Supervisor: the process ended without being stopped (exit code {ExitCode}); starting it again in {Delay} s.",
                exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown", delay.TotalSeconds);
            logger.LogWarning("Supervisor: {Resource} ended (exit code {ExitCode}); restarting in {Delay} s", instance.ResourceId, exitCode, delay.TotalSeconds);
            while (true)
            {
                await Task.Delay(delay, ct);
                var result = await commands.ExecuteCommandAsync(instance.ResourceId, KnownResourceCommands.StartCommand, ct);
                if (result.Success || result.Canceled)
                {
                    return;
                }

                delay = instance.NextDelay();
                resourceLog.LogError("Supervisor: starting it failed ({Error}); trying again in {Delay} s.", result.Message, delay.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>What the supervisor knows of one resource instance (a replica has its own).</summary>
    private sealed class Instance(string resourceId)
    {
        private readonly Lock _gate = new();
        private string? _state;
        private bool _stopRequested;
        private DateTimeOffset _runningSince = DateTimeOffset.MinValue;
        private int _crashesInARow;

        public string ResourceId { get; } = resourceId;

        /// <summary>Takes in the instance's new state; returns the delay before a restart when the change is a crash.</summary>
        public TimeSpan? Observe(string? state, DateTimeOffset now)
        {
            lock (_gate)
            {
                // While the orchestrator recreates a process the state is briefly empty: that says nothing.
                var previous = _state;
                if (string.IsNullOrEmpty(state) || state == previous)
                {
                    return null;
                }

                _state = state;

                if (state == KnownResourceStates.Stopping)
                {
                    // A stop or restart from the dashboard, a test or the AppHost's shutdown.
                    _stopRequested = true;
                    return null;
                }

                if (state == KnownResourceStates.Starting || state == KnownResourceStates.Running)
                {
                    _stopRequested = false;
                    if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
                    {
                        _runningSince = now;
                    }

                    return null;
                }

                var crashed = KnownResourceStates.TerminalStates.Contains(state)
                    && (previous == KnownResourceStates.Running || previous == KnownResourceStates.Starting)
                    && !_stopRequested;
                if (!crashed)
                {
                    return null;
                }

                if (previous == KnownResourceStates.Running && now - _runningSince >= StableAfter)
                {
                    _crashesInARow = 0;
                }

                return NextDelayLocked();
            }
        }

        public TimeSpan NextDelay()
        {
            lock (_gate)
            {
                return NextDelayLocked();
            }
        }

        private TimeSpan NextDelayLocked() => Backoff[Math.Min(_crashesInARow++, Backoff.Length - 1)];
    }
}
