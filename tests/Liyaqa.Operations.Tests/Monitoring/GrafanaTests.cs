using System.Text.RegularExpressions;

namespace Liyaqa.Operations.Tests.Monitoring;

public sealed partial class GrafanaTests
{
    private static readonly IReadOnlyList<GrafanaDashboard> Dashboards = [.. MonitoringFiles.DashboardFiles.Select(GrafanaDashboard.Load)];

    [Fact]
    public void There_are_the_five_dashboards_the_runbook_names_with_stable_uids()
    {
        Assert.Equal(
            ["Alert Dashboard", "Application Metrics", "Business Metrics", "Database Performance", "System Overview"],
            Dashboards.Select(d => d.Title).Order(StringComparer.Ordinal));
        Assert.All(Dashboards, d =>
        {
            Assert.Matches("^liyaqa-[a-z-]+$", d.Uid);
            Assert.True(d.SchemaVersion >= 39, $"{d.File}: schemaVersion {d.SchemaVersion}");
        });
        Assert.Equal(Dashboards.Count, Dashboards.Select(d => d.Uid).Distinct().Count());
    }

    [Fact]
    public async Task Every_panel_queries_a_provisioned_data_source()
    {
        var provisioned = ProvisionedUid().Matches(await File.ReadAllTextAsync(MonitoringFiles.DatasourcesConfig))
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "prometheus", "loki", "zipkin" }, provisioned);

        Assert.All(Dashboards.SelectMany(d => d.Panels.Select(p => (Dashboard: d, Panel: p))), item =>
        {
            var where = $"{item.Dashboard.File}: panel {item.Panel.Id} \"{item.Panel.Title}\"";
            Assert.True(item.Panel.Targets.Count > 0, $"{where} has no target");
            Assert.All(item.Panel.Targets, target =>
            {
                Assert.False(string.IsNullOrWhiteSpace(target.Expression), $"{where} target {target.RefId} has no expr");
                Assert.Contains(target.DatasourceUid ?? item.Panel.DatasourceUid ?? string.Empty, provisioned);
            });
        });
    }

    [Fact]
    public void Panel_ids_are_unique_within_a_dashboard() =>
        Assert.All(Dashboards, d => Assert.Equal(d.Panels.Count, d.Panels.Select(p => p.Id).Distinct().Count()));

    [Fact]
    public async Task Every_dashboard_expression_is_valid_PromQL()
    {
        var expressions = Dashboards.SelectMany(d =>
                d.Panels.SelectMany(p => p.Targets.Select(t => ($"{d.Uid}:panel_{p.Id}:{t.RefId}", t.Expression)))
                    .Concat(d.Variables.Where(v => v.Selector is not null).Select(v => ($"{d.Uid}:var_{v.Name}", v.Selector!))))
            .Select(e => (e.Item1, GrafanaDashboard.ToPromQl(e.Item2)))
            .ToList();
        Assert.NotEmpty(expressions);

        var result = await MonitoringTools.CheckPromQlAsync(expressions);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {expressions.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_expression_is_caught_by_the_PromQL_check()
    {
        var result = await MonitoringTools.CheckPromQlAsync([("broken", "sum(rate(http_server_request_duration_seconds_count[5m])")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("broken", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_provider_loads_the_folder_the_dashboards_are_mounted_at()
    {
        var providers = await File.ReadAllTextAsync(MonitoringFiles.DashboardProvidersConfig);

        Assert.Contains("path: /var/lib/grafana/dashboards", providers, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+uid:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ProvisionedUid();
}
