using System.Diagnostics;
using Liyaqa.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>
/// The committed alert rules, evaluated by a real Prometheus scraping the running replicas, go pending and then
/// fire when the API misbehaves (their <c>for:</c> shortened to <see cref="PrometheusServer.AlertFor"/>).
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class AlertFiringTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HighErrorRate_goes_pending_then_fires_while_a_third_of_the_requests_fail_with_500()
    {
        await using var prometheus = await PrometheusServer.StartAsync(app);
        await prometheus.WaitForFreshScrapesAsync();

        var clock = Stopwatch.StartNew();
        var states = await WatchUntilFiringAsync(prometheus, "HighErrorRate", async () =>
        {
            var answers = await Task.WhenAll(app.Api.GetAsync("/api/diagnostics/fault"), app.Api.GetAsync("/api/health"), app.Api.GetAsync("/api/health"));
            Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], answers.Select(a => a.StatusCode));
        });
        output.WriteLine($"HighErrorRate: {string.Join(" → ", states)} after {clock.Elapsed.TotalSeconds:F1} s of errors");

        Assert.Equal(["pending", "firing"], states);
        var alert = Assert.Single(await prometheus.AlertsAsync(), a => a.Name == "HighErrorRate");
        Assert.Equal((PrometheusServer.Job, "critical"), (alert.Labels["job"], alert.Labels["severity"]));
    }

    [Fact]
    public async Task ServiceDown_goes_pending_then_fires_for_every_replica_while_the_API_is_stopped_and_clears_once_it_is_back()
    {
        await using var prometheus = await PrometheusServer.StartAsync(app);
        await prometheus.WaitForFreshScrapesAsync();

        var clock = Stopwatch.StartNew();
        var stop = app.StopApiAsync();
        try
        {
            // Kestrel refuses connections as soon as shutdown begins: up turns 0 before the stop command returns.
            var states = await WatchUntilFiringAsync(prometheus, "ServiceDown", () => Task.CompletedTask, prometheus.Targets.Count);
            output.WriteLine($"ServiceDown: {string.Join(" → ", states)} {clock.Elapsed.TotalSeconds:F1} s after the stop");
            Assert.Equal(["pending", "firing"], states);
            var firing = (await prometheus.AlertsAsync()).Where(a => a.Name == "ServiceDown").ToList();
            Assert.Equal(prometheus.Targets.Order(StringComparer.Ordinal), firing.Select(a => a.Labels["instance"]).Order(StringComparer.Ordinal));
            Assert.All(firing, a => Assert.Equal((PrometheusServer.Job, "critical"), (a.Labels["job"], a.Labels["severity"])));
        }
        finally
        {
            var stopped = await stop;
            output.WriteLine($"stop command: {(stopped.Success ? "done" : stopped.Message)} after {clock.Elapsed.TotalSeconds:F1} s");

            // The other tests of the collection share the API.
            await app.StartApiAsync();
            output.WriteLine($"API healthy again {clock.Elapsed.TotalSeconds:F1} s after the stop; replicas now at {string.Join(", ", await app.ScrapeTargetsAsync())}, scraped at {string.Join(", ", prometheus.Targets)}");
        }

        await prometheus.WaitForFreshScrapesAsync();
        Assert.DoesNotContain(await prometheus.AlertsAsync(), a => a.Name == "ServiceDown");
    }

    /// <summary>
    /// Does <paramref name="act"/> and polls the alert until it fires for <paramref name="instances"/> series;
    /// returns the distinct states it went through in order.
    /// </summary>
    private static async Task<List<string>> WatchUntilFiringAsync(PrometheusServer prometheus, string alertName, Func<Task> act, int instances = 1)
    {
        var states = new List<string>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await act();
            var alerts = (await prometheus.AlertsAsync()).Where(a => a.Name == alertName).ToList();
            var state = alerts.Count == 0 ? null : alerts.All(a => a.State == "firing") && alerts.Count == instances ? "firing" : "pending";
            if (state is not null && (states.Count == 0 || states[^1] != state))
            {
                states.Add(state);
            }

            if (state == "firing")
            {
                return states;
            }

            Assert.True(clock.Elapsed < Patience, $"{alertName} did not fire within {Patience.TotalSeconds} s (seen: {string.Join(", ", states)})\n{prometheus.Log}");
            await Task.Delay(200);
        }
    }
}
