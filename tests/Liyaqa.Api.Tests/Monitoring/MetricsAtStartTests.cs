using System.Globalization;
using System.Net.Http.Headers;
using Liyaqa.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>
/// A freshly started API instance exposes every metric the alerts and dashboards read before anything has
/// happened on it, so that a restart leaves no hole in a panel or a <c>rate()</c>.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class MetricsAtStartTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task A_restarted_replica_exposes_every_metric_of_metrics_txt_before_any_event_with_known_labels_at_zero()
    {
        var replica = await app.RestartOneReplicaAsync();

        // The instance by itself, not through the load-balancing proxy; nothing but probes has reached it yet.
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://{replica}"), Timeout = TimeSpan.FromSeconds(10) };
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.ManagementToken);
        // The first scrape is the first request this instance serves: the HTTP server's own series exist from the
        // next one, as Prometheus would scrape it (after the exporter's short response cache).
        await ScrapeAsync(scraper);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var series = await ScrapeAsync(scraper);
        var uptime = Value(series, "process_uptime_seconds");
        output.WriteLine($"{replica} scraped {uptime:F1} s after its start: {series.Count} series");
        Assert.InRange(uptime, 0, 90);

        var expected = CommittedMonitoring.Metrics.ApiMetrics;
        var missing = expected.Where(name => !series.Keys.Any(s => NameOf(s) == name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"missing from the scrape of a fresh replica: {string.Join(", ", missing)}");

        // Only requests move these, and none has reached this instance: at zero, every label value the dashboards and
        // alerts group by, so they are there from the start and not after a first event.
        Assert.Equal(0, Value(series, "liyaqa_bookings_total", "result=\"booked\""));
        Assert.Equal(0, Value(series, "liyaqa_bookings_total", "result=\"waitlisted\""));
        Assert.Equal(0, Value(series, "liyaqa_booking_cancellations_total", "kind=\"late\""));
        Assert.Equal(0, Value(series, "liyaqa_check_ins_total", "result=\"denied\""));
        Assert.Equal(0, Value(series, "liyaqa_auth_login_failures_total", "reason=\"wrong_password\""));
        Assert.Equal(0, Value(series, "liyaqa_rate_limit_rejections_total", "policy=\"login\""));
    }

    /// <summary>The scrape as series (name with labels) → value.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient scraper)
    {
        using var response = await scraper.GetAsync(new Uri("/actuator/prometheus", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // name{labels} value [timestamp]
            var end = line.LastIndexOf('}') is >= 0 and var close ? close + 1 : line.IndexOf(' ', StringComparison.Ordinal);
            var value = line[end..].Trim().Split(' ')[0];
            series[line[..end]] = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return series;
    }

    private static string NameOf(string series) => series.Split('{')[0];

    private static double Value(Dictionary<string, double> series, string name, string label = "") =>
        Assert.Single(series, s => NameOf(s.Key) == name && s.Key.Contains(label, StringComparison.Ordinal)).Value;
}
