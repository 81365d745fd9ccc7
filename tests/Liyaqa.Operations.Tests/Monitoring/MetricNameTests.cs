namespace Liyaqa.Operations.Tests.Monitoring;

public sealed class MetricNameTests
{
    private static readonly MetricAllowList AllowList = MetricAllowList.Load(MonitoringFiles.MetricsAllowList);

    /// <summary>Every metric name the configuration uses, with where it is used.</summary>
    private static IEnumerable<(string Name, string Where)> UsedNames()
    {
        foreach (var rule in MonitoringFiles.ReadAlertRules())
        {
            foreach (var name in MetricNames.FromPromQl(rule.Expression))
            {
                yield return (name, $"{rule.File}: {rule.Alert}");
            }
        }

        foreach (var name in MonitoringFiles.ReadTestSeriesNames())
        {
            yield return (name, "an input series of a promtool test");
        }

        foreach (var dashboard in MonitoringFiles.DashboardFiles.Select(GrafanaDashboard.Load))
        {
            foreach (var panel in dashboard.Panels)
            {
                foreach (var name in panel.Targets.SelectMany(t => MetricNames.FromPromQl(t.Expression)))
                {
                    yield return (name, $"{dashboard.File}: \"{panel.Title}\"");
                }
            }

            foreach (var variable in dashboard.Variables.Where(v => v.Selector is not null))
            {
                foreach (var name in MetricNames.FromPromQl(variable.Selector!))
                {
                    yield return (name, $"{dashboard.File}: variable {variable.Name}");
                }
            }
        }
    }

    [Fact]
    public void Rules_tests_and_dashboards_use_only_allow_listed_metric_names()
    {
        var unknown = UsedNames().Where(u => !AllowList.All.Contains(u.Name)).Select(u => $"{u.Name} ({u.Where})").Distinct().ToList();

        Assert.True(unknown.Count == 0, $"Not in deploy/monitoring/metrics.txt:\n{string.Join('\n', unknown)}");
    }

    [Fact]
    public void Every_allow_listed_metric_name_is_used()
    {
        var used = UsedNames().Select(u => u.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(AllowList.All.Where(name => !used.Contains(name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_allow_list_separates_Prometheus_own_series_from_the_API_metrics()
    {
        Assert.Equal(["ALERTS", "ALERTS_FOR_STATE", "up"], AllowList.PrometheusMetrics.Order(StringComparer.Ordinal));
        Assert.Contains("http_server_request_duration_seconds_bucket", AllowList.ApiMetrics);
        Assert.All(AllowList.ApiMetrics, name => Assert.Matches("^[a-z_][a-z0-9_]*$", name));
    }

    [Theory]
    [InlineData("up{job=\"liyaqa-backend\"} == 0", new[] { "up" })]
    [InlineData(
        "sum by (job) (rate(http_server_request_duration_seconds_count{http_response_status_code=~\"5..\"}[5m])) / sum by (job) (rate(http_server_request_duration_seconds_count[5m])) > 0.05",
        new[] { "http_server_request_duration_seconds_count" })]
    [InlineData(
        "histogram_quantile(0.95, sum by (le) (rate(db_client_operation_duration_seconds_bucket{job=~\"$job\"}[$__rate_interval])))",
        new[] { "db_client_operation_duration_seconds_bucket" })]
    [InlineData(
        "a_total / on (instance) group_left (version) b_info offset 1h30m + ignoring (x) c unless bool_metric",
        new[] { "a_total", "b_info", "bool_metric", "c" })]
    [InlineData("count(ALERTS{alertstate=\"firing\", note=\"} or {not_a_metric}\"}) or vector(0)", new[] { "ALERTS" })]
    [InlineData("time() - max without (le) (ALERTS_FOR_STATE) @ start() > 1e3 # a comment naming no_metric", new[] { "ALERTS_FOR_STATE" })]
    [InlineData("max_over_time(x[1h:5m]) * -Inf + NaN", new[] { "x" })]
    public void Metric_names_are_read_from_PromQL(string expression, string[] expected) =>
        Assert.Equal(expected, MetricNames.FromPromQl(expression));

    [Fact]
    public void Metric_names_are_read_from_a_scrape()
    {
        const string Scrape = """
            # TYPE http_server_request_duration_seconds histogram
            http_server_request_duration_seconds_bucket{otel_scope_name="Microsoft.AspNetCore.Hosting",le="0.005"} 3 1700000000000
            http_server_request_duration_seconds_count{otel_scope_name="Microsoft.AspNetCore.Hosting"} 7
            # HELP process_uptime_seconds The time the process has been running.
            process_uptime_seconds 12.5
            target_info{service_name="Liyaqa.Api"} 1
            # EOF
            """;

        Assert.Equal(
            ["http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_count", "process_uptime_seconds", "target_info"],
            MetricNames.FromExposition(Scrape));
    }

    [Fact]
    public void The_allow_list_format_reads_comments_and_Prometheus_names()
    {
        var list = MetricAllowList.Parse(["# heading", "", "liyaqa_members_active", "  up  # prometheus", "x_total # note"]);

        Assert.Equal(["liyaqa_members_active", "x_total"], list.ApiMetrics);
        Assert.Equal(["up"], list.PrometheusMetrics);
    }
}
