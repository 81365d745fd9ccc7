using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>
/// The API's replicas as the app model knows them: each instance's own address behind the load-balancing proxy,
/// and stopping or starting all of them at once.
/// </summary>
public static class ApiReplicas
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// <c>host:port</c> of each replica's Kestrel (the instance's ASPNETCORE_URLS), so Prometheus scrapes every
    /// instance by itself as it does in production, rather than whichever one the proxy picks.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ScrapeTargetsAsync(this LiyaqaAppFixture app) =>
        [.. (await InstancesAsync(app)).Select(instance => ListenAddress(app, instance))];

    /// <summary>
    /// Stops every replica, as the dashboard's stop button does (the fixture's command by name matches no single
    /// instance when there are replicas). DCP reports a failure when an instance takes longer than its stop timeout
    /// to exit even though it does exit, so the result is returned for the caller to report, not asserted.
    /// </summary>
    public static Task<ExecuteCommandResult> StopApiAsync(this LiyaqaAppFixture app) =>
        app.App.ResourceCommands.ExecuteCommandAsync(ApiResource(app), KnownResourceCommands.StopCommand);

    /// <summary>Starts every replica and waits until each one reports healthy and answers its readiness probe.</summary>
    public static async Task StartApiAsync(this LiyaqaAppFixture app)
    {
        var result = await app.App.ResourceCommands.ExecuteCommandAsync(ApiResource(app), KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"start {LiyaqaResources.Api}: {result.Message}");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        foreach (var instance in await InstancesAsync(app))
        {
            while (!await IsReadyAsync(app, probe, instance))
            {
                Assert.True(clock.Elapsed < StartPatience, $"{instance} was not healthy again within {StartPatience.TotalSeconds} s");
                await Task.Delay(250);
            }
        }
    }

    /// <summary>
    /// Restarts one replica, as the dashboard's restart button does for an instance, and returns its <c>host:port</c> once
    /// it is healthy and ready again; the other replica keeps serving.
    /// </summary>
    public static async Task<string> RestartOneReplicaAsync(this LiyaqaAppFixture app)
    {
        var instance = (await InstancesAsync(app))[0];
        var result = await app.App.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.RestartCommand);
        Assert.True(result.Success, $"restart {instance}: {result.Message}");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (!await IsReadyAsync(app, probe, instance))
        {
            Assert.True(clock.Elapsed < StartPatience, $"{instance} was not healthy again within {StartPatience.TotalSeconds} s");
            await Task.Delay(250);
        }

        return ListenAddress(app, instance);
    }

    private static IResource ApiResource(LiyaqaAppFixture app) =>
        app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == LiyaqaResources.Api);

    /// <summary>The instance ids (<c>api-xxxxxxxx</c>); the notification stream starts with every resource's current state.</summary>
    private static async Task<IReadOnlyList<string>> InstancesAsync(LiyaqaAppFixture app)
    {
        var instances = new SortedSet<string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var update in app.App.ResourceNotifications.WatchAsync(timeout.Token))
            {
                if (update.Resource.Name == LiyaqaResources.Api && instances.Add(update.ResourceId) && instances.Count == LiyaqaAppFixture.ApiReplicas)
                {
                    return [.. instances];
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported below.
        }

        throw new InvalidOperationException($"found {instances.Count} of {LiyaqaAppFixture.ApiReplicas} {LiyaqaResources.Api} instances: {string.Join(", ", instances)}");
    }

    private static async Task<bool> IsReadyAsync(LiyaqaAppFixture app, HttpClient probe, string instance)
    {
        if (!app.App.ResourceNotifications.TryGetCurrentState(instance, out var current)
            || current.Snapshot.State?.Text != KnownResourceStates.Running
            || current.Snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
        {
            return false;
        }

        try
        {
            using var response = await probe.GetAsync(new Uri($"http://{ListenAddress(app, instance)}/health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string ListenAddress(LiyaqaAppFixture app, string instance)
    {
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState(instance, out var current), $"no state for {instance}");
        var urls = current.Snapshot.EnvironmentVariables.SingleOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value;
        Assert.False(string.IsNullOrEmpty(urls), $"{instance} has no ASPNETCORE_URLS");
        var url = new Uri(urls.Split(';')[0]);
        return $"{url.Host}:{url.Port}";
    }
}
