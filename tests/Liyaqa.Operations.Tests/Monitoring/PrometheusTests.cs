using System.Globalization;
using System.Text.RegularExpressions;

namespace Liyaqa.Operations.Tests.Monitoring;

public sealed partial class PrometheusTests
{
    private const string RunbookUrl = "https://github.com/your-org/liyaqa/blob/main/docs/PRODUCTION_RUNBOOK.md#";

    /// <summary>The alerts the runbook names, and the ones the operations issue adds.</summary>
    public static TheoryData<string> RequiredAlerts =>
    [
        "ServiceDown", "HighErrorRate", "SlowResponseTime", "DatabaseConnectionPoolHigh", "DiskSpaceLow",
        "NotificationFailure", "HighGcHeapUsage", "HighMemoryUsage", "LoginFailureSpike", "RateLimitSpike",
    ];

    [Fact]
    public async Task Prometheus_config_is_valid_with_its_rule_files_and_token_file()
    {
        var original = await File.ReadAllTextAsync(MonitoringFiles.PrometheusConfig);
        Assert.Contains("job_name: liyaqa-backend", original, StringComparison.Ordinal);
        Assert.Contains("metrics_path: /actuator/prometheus", original, StringComparison.Ordinal);
        Assert.Contains("credentials_file: /etc/prometheus/management-token", original, StringComparison.Ordinal);
        Assert.Contains("\"liyaqa-backend:8080\"", original, StringComparison.Ordinal);
        Assert.Contains("\"alertmanager:9093\"", original, StringComparison.Ordinal);

        var syntax = await MonitoringTools.PromtoolAsync("check", "config", "--syntax-only", MonitoringFiles.PrometheusConfig);
        Assert.True(syntax.ExitCode == 0, syntax.ToString());

        // The full check also opens the token file and every rule file: point them at a scratch token and the repo's rules.
        var directory = Directory.CreateTempSubdirectory("liyaqa-prometheus-");
        try
        {
            var token = Path.Combine(directory.FullName, "management-token");
            await File.WriteAllTextAsync(token, "scrape-token");
            var rules = Path.Combine(Path.GetDirectoryName(MonitoringFiles.PrometheusConfig)!, "alerts", "*.yml");
            var config = Path.Combine(directory.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, original
                .Replace("/etc/prometheus/management-token", token, StringComparison.Ordinal)
                .Replace("- alerts/*.yml", $"- {rules}", StringComparison.Ordinal));

            var result = await MonitoringTools.PromtoolAsync("check", "config", config);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"SUCCESS: {MonitoringFiles.AlertRuleFiles.Length} rule files found", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Alert_rules_pass_promtool_check_rules_and_are_all_read_by_the_tests()
    {
        var result = await MonitoringTools.PromtoolAsync(["check", "rules", .. MonitoringFiles.AlertRuleFiles]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var counted = RulesFound().Matches(result.Output).Sum(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(counted, MonitoringFiles.ReadAlertRules().Count);
    }

    [Fact]
    public async Task Alert_rule_unit_tests_pass()
    {
        var result = await MonitoringTools.PromtoolAsync(["test", "rules", .. MonitoringFiles.RuleTestFiles]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("FAILED", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_has_a_test_where_it_fires_and_one_where_it_stays_quiet()
    {
        var cases = MonitoringFiles.ReadAlertTestCases();
        var alerts = MonitoringFiles.ReadAlertRules().Select(rule => rule.Alert).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.All(cases, c => Assert.Contains(c.Alert, alerts));
        var untested = alerts
            .Where(alert => !cases.Any(c => c.Alert == alert && c.ExpectsAlerts) || !cases.Any(c => c.Alert == alert && !c.ExpectsAlerts))
            .ToList();
        Assert.True(untested.Count == 0, $"Alerts without both a firing and a quiet promtool test case: {string.Join(", ", untested)}");
    }

    [Theory]
    [MemberData(nameof(RequiredAlerts))]
    public void The_required_alert_exists(string alert) =>
        Assert.Contains(MonitoringFiles.ReadAlertRules(), rule => rule.Alert == alert);

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_and_a_runbook_section()
    {
        var anchors = RunbookAnchors(File.ReadAllLines(MonitoringFiles.Runbook));

        Assert.All(MonitoringFiles.ReadAlertRules(), rule =>
        {
            var where = $"{rule.File}: {rule.Alert}";
            Assert.True(rule.Labels.TryGetValue("severity", out var severity) && severity is "critical" or "warning", $"{where}: severity");
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), $"{where}: summary");
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("description")), $"{where}: description");
            var url = rule.Annotations.GetValueOrDefault("runbook_url") ?? string.Empty;
            Assert.True(url.StartsWith(RunbookUrl, StringComparison.Ordinal), $"{where}: runbook_url {url}");
            Assert.True(anchors.Contains(url[RunbookUrl.Length..]), $"{where}: the runbook has no section #{url[RunbookUrl.Length..]}");
        });
    }

    [Fact]
    public void An_alert_with_two_severities_has_the_same_labels_in_both()
    {
        // Alertmanager's inhibition (critical hides warning) matches on alertname, job and instance.
        foreach (var pair in MonitoringFiles.ReadAlertRules().GroupBy(rule => rule.Alert).Where(g => g.Count() > 1))
        {
            Assert.Equal(["critical", "warning"], pair.Select(rule => rule.Labels["severity"]).Order(StringComparer.Ordinal));
            Assert.Single(pair.Select(rule => ByClause().Matches(rule.Expression).Select(m => m.Value).FirstOrDefault()).Distinct());
        }
    }

    /// <summary>GitHub's anchors for the Markdown headings: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> RunbookAnchors(IEnumerable<string> lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && line.StartsWith('#') && line.TrimStart('#').StartsWith(' '))
            {
                anchors.Add(AnchorDropped().Replace(line.TrimStart('#').Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'));
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"SUCCESS: (\d+) rules found")]
    private static partial Regex RulesFound();

    [GeneratedRegex(@"by \([^)]*\)")]
    private static partial Regex ByClause();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex AnchorDropped();
}
