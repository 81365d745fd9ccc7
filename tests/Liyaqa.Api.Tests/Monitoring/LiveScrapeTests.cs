using System.Text.RegularExpressions;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.Operations.Tests.Monitoring;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>
/// The committed metric names, rules and dashboards against what a real Prometheus scrapes from the running
/// replicas, after traffic that creates every lazily registered series.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed partial class LiveScrapeTests(LiyaqaAppFixture app)
{
    /// <summary>Grafana's template variables as a dashboard shows the API's whole job ("All" instances).</summary>
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["job"] = PrometheusServer.Job,
        ["instance"] = ".*",
    };

    [Fact]
    public async Task Every_API_metric_of_metrics_txt_the_rules_and_the_dashboards_is_scraped_from_the_running_API()
    {
        await using var prometheus = await PrometheusServer.StartAsync(app);
        await ApiTraffic.ExerciseAsync(app);
        await prometheus.WaitForFreshScrapesAsync();

        var prometheusOwn = CommittedMonitoring.Metrics.PrometheusMetrics;
        var used = CommittedMonitoring.Metrics.ApiMetrics.Select(name => (Name: name, Where: "metrics.txt"))
            .Concat((await prometheus.RulesAsync()).SelectMany(rule => MetricNames.FromPromQl(rule.Query).Select(name => (Name: name, Where: $"alert {rule.Name}"))))
            .Concat(DashboardQueries().SelectMany(q => MetricNames.FromPromQl(q.Expression).Select(name => (Name: name, q.Where))))
            .Where(use => !prometheusOwn.Contains(use.Name));

        var scraped = await prometheus.ScrapedMetricNamesAsync();
        var missing = used.Where(use => !scraped.Contains(use.Name)).GroupBy(use => use.Name, StringComparer.Ordinal)
            .Select(uses => $"{uses.Key} ({string.Join(", ", uses.Select(u => u.Where).Distinct())})").ToList();
        Assert.True(missing.Count == 0, $"Not in the scrape of {string.Join(", ", prometheus.Targets)}:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public async Task Every_alert_rule_evaluates_without_error_against_the_live_scrape()
    {
        await using var prometheus = await PrometheusServer.StartAsync(app);
        await prometheus.WaitForFreshScrapesAsync();
        var rules = await prometheus.RulesAsync();

        Assert.Equal(CommittedMonitoring.AlertRuleFiles.Sum(file => AlertLine().Count(File.ReadAllText(file))), rules.Count);
        Assert.All(rules, rule => Assert.True(rule.Health == "ok", $"{rule.Name}: {rule.Health} {rule.LastError}"));
    }

    [Fact]
    public async Task Every_dashboard_query_runs_against_the_live_scrape_and_finds_series()
    {
        await using var prometheus = await PrometheusServer.StartAsync(app);
        await ApiTraffic.ExerciseAsync(app);
        await prometheus.WaitForFreshScrapesAsync();
        var known = (await prometheus.ScrapedMetricNamesAsync()).Union(CommittedMonitoring.Metrics.PrometheusMetrics).ToHashSet(StringComparer.Ordinal);

        var failures = new List<string>();
        foreach (var (where, expression) in DashboardQueries())
        {
            var query = Substitute(expression);
            var unknown = MetricNames.FromPromQl(query).Where(name => !known.Contains(name)).ToList();
            var (result, error) = await prometheus.TryQueryAsync(query);
            if (unknown.Count > 0)
            {
                failures.Add($"{where}: not scraped: {string.Join(", ", unknown)}");
            }
            else if (error is not null)
            {
                failures.Add($"{where}: {error}\n    {query}");
            }
            else if (result.GetArrayLength() == 0 && !ReadsAlerts(query))
            {
                // Every series it reads exists, so an empty answer means a label or value the API does not have.
                failures.Add($"{where}: no series\n    {query}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>
    /// The PromQL of every panel and of every variable's selector, with where it comes from. Interval variables become
    /// 5m as in the offline checks; <c>$job</c> and <c>$instance</c> are substituted by <see cref="Substitute"/>.
    /// </summary>
    private static IEnumerable<(string Where, string Expression)> DashboardQueries()
    {
        foreach (var dashboard in CommittedMonitoring.DashboardFiles.Select(GrafanaDashboard.Load))
        {
            foreach (var panel in dashboard.Panels)
            {
                foreach (var target in panel.Targets.Where(t => t.Expression.Length > 0))
                {
                    yield return ($"{dashboard.File}: \"{panel.Title}\" {target.RefId}", GrafanaDashboard.ToPromQl(target.Expression));
                }
            }

            foreach (var variable in dashboard.Variables.Where(v => v.Selector is not null))
            {
                yield return ($"{dashboard.File}: variable {variable.Name}", GrafanaDashboard.ToPromQl(variable.Selector!));
            }
        }
    }

    private static string Substitute(string expression)
    {
        var query = TemplateVariable().Replace(expression, match =>
            Variables.TryGetValue(match.Groups["name"].Value, out var value) ? value : match.Value);
        Assert.DoesNotContain("$", query, StringComparison.Ordinal);
        return query;
    }

    /// <summary>Prometheus' own alert series exist only while an alert is pending or firing.</summary>
    private static bool ReadsAlerts(string query) =>
        MetricNames.FromPromQl(query).Any(name => name is "ALERTS" or "ALERTS_FOR_STATE");

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex TemplateVariable();

    [GeneratedRegex(@"^\s*- alert:", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
