using System.Text.RegularExpressions;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests.Monitoring;

/// <summary>One alerting rule of deploy/monitoring/prometheus/alerts.</summary>
public sealed record AlertRule(
    string File, string Alert, string Expression, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>One <c>alert_rule_test</c> entry: the alert it checks and whether it expects it to fire.</summary>
public sealed record AlertTestCase(string File, string Alert, bool ExpectsAlerts);

/// <summary>
/// The files under deploy/monitoring, and what the tests read from the YAML ones. The rule and rule-test files are
/// read line by line (the test project has no YAML library): they keep to one layout, block expressions as
/// <c>expr: |</c>, and the tests compare what is read here with what promtool counts.
/// </summary>
public static partial class MonitoringFiles
{
    public static string Root => Path.Combine(Repository.Root, "deploy", "monitoring");

    public static string PrometheusConfig => Path.Combine(Root, "prometheus", "prometheus.yml");

    public static string AlertmanagerConfig => Path.Combine(Root, "alertmanager", "alertmanager.yml");

    public static string DashboardsDirectory => Path.Combine(Root, "grafana", "dashboards");

    public static string DatasourcesConfig => Path.Combine(Root, "grafana", "provisioning", "datasources", "datasources.yml");

    public static string DashboardProvidersConfig => Path.Combine(Root, "grafana", "provisioning", "dashboards", "dashboards.yml");

    public static string PromtailConfig => Path.Combine(Root, "promtail", "promtail.yml");

    public static string LokiConfig => Path.Combine(Root, "loki", "loki.yml");

    public static string MetricsAllowList => Path.Combine(Root, "metrics.txt");

    public static string[] AlertRuleFiles => Sorted(Directory.GetFiles(Path.Combine(Root, "prometheus", "alerts"), "*.yml"));

    public static string[] RuleTestFiles => Sorted(Directory.GetFiles(Path.Combine(Root, "prometheus", "tests"), "*.test.yml"));

    public static string[] DashboardFiles => Sorted(Directory.GetFiles(DashboardsDirectory, "*.json"));

    /// <summary>The operators' runbook the alerts link to: docs/ once it is copied there, else shared/ beside the checkout.</summary>
    public static string Runbook => new[]
    {
        Path.Combine(Repository.Root, "docs", "PRODUCTION_RUNBOOK.md"),
        Path.Combine(Repository.Root, "..", "shared", "reference", "PRODUCTION_RUNBOOK.md"),
    }.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("PRODUCTION_RUNBOOK.md is neither in docs/ nor in ../shared/reference/");

    public static IReadOnlyList<AlertRule> ReadAlertRules() => [.. AlertRuleFiles.SelectMany(ReadAlertRules)];

    public static IReadOnlyList<AlertRule> ReadAlertRules(string file)
    {
        var lines = File.ReadAllLines(file);
        var rules = new List<AlertRule>();
        for (var i = 0; i < lines.Length; i++)
        {
            var alert = AlertLine().Match(lines[i]);
            if (!alert.Success)
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && !RuleOrGroupLine().IsMatch(lines[end]))
            {
                end++;
            }

            var block = lines[i..end];
            rules.Add(new AlertRule(
                Path.GetFileName(file),
                alert.Groups[1].Value,
                ReadScalar(block, "expr") ?? throw new FormatException($"{file}: alert {alert.Groups[1].Value} has no expr"),
                ReadMap(block, "labels"),
                ReadMap(block, "annotations")));
        }

        return rules;
    }

    public static IReadOnlyList<AlertTestCase> ReadAlertTestCases() => [.. RuleTestFiles.SelectMany(ReadAlertTestCases)];

    public static IReadOnlyList<AlertTestCase> ReadAlertTestCases(string file)
    {
        var lines = File.ReadAllLines(file);
        var cases = new List<AlertTestCase>();
        for (var i = 0; i < lines.Length; i++)
        {
            var alertName = AlertNameLine().Match(lines[i]);
            if (!alertName.Success)
            {
                continue;
            }

            var expected = lines.Skip(i + 1).Select(line => ExpAlertsLine().Match(line)).FirstOrDefault(match => match.Success)
                ?? throw new FormatException($"{file}: alertname {alertName.Groups[1].Value} has no exp_alerts");
            cases.Add(new AlertTestCase(Path.GetFileName(file), alertName.Groups[1].Value, expected.Groups[1].Value.Trim() != "[]"));
        }

        return cases;
    }

    /// <summary>The metric names of the input series of every promtool test.</summary>
    public static IReadOnlySet<string> ReadTestSeriesNames() =>
        RuleTestFiles.SelectMany(File.ReadAllLines)
            .Select(line => SeriesLine().Match(line))
            .Where(match => match.Success)
            .Select(match => Unquote(match.Groups[1].Value.Trim()).Split('{')[0].Trim())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A key's scalar value in a block: inline (plain or quoted) or a literal block (<c>|</c>).</summary>
    private static string? ReadScalar(string[] block, string key)
    {
        for (var i = 0; i < block.Length; i++)
        {
            var match = Regex.Match(block[i], $@"^(\s*)(?:- )?{Regex.Escape(key)}:\s*(.*)$");
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups[2].Value.Trim();
            if (value is not ("|" or "|-" or "|+"))
            {
                return Unquote(value);
            }

            var keyIndent = match.Groups[1].Length;
            var body = block.Skip(i + 1)
                .TakeWhile(line => line.Trim().Length == 0 || Indent(line) > keyIndent)
                .ToList();
            var indent = body.Where(line => line.Trim().Length > 0).Select(Indent).DefaultIfEmpty(0).Min();
            return string.Join('\n', body.Select(line => line.Length >= indent ? line[indent..] : string.Empty)).Trim();
        }

        return null;
    }

    private static Dictionary<string, string> ReadMap(string[] block, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = Array.FindIndex(block, line => Regex.IsMatch(line, $@"^\s*{Regex.Escape(key)}:\s*$"));
        if (start < 0)
        {
            return map;
        }

        var keyIndent = Indent(block[start]);
        foreach (var line in block.Skip(start + 1).TakeWhile(line => line.Trim().Length == 0 || Indent(line) > keyIndent))
        {
            var entry = MapEntryLine().Match(line);
            if (entry.Success)
            {
                map[entry.Groups[1].Value] = Unquote(entry.Groups[2].Value.Trim());
            }
        }

        return map;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : value.Length >= 2 && value[0] == '\'' && value[^1] == '\''
                ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
                : value;

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static string[] Sorted(string[] files) => [.. files.Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\s*- alert:\s*(\S+)\s*$")]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^\s*- (?:alert|record|name):")]
    private static partial Regex RuleOrGroupLine();

    [GeneratedRegex(@"^\s*(?:- )?alertname:\s*(\S+)\s*$")]
    private static partial Regex AlertNameLine();

    [GeneratedRegex(@"^\s*exp_alerts:(.*)$")]
    private static partial Regex ExpAlertsLine();

    [GeneratedRegex(@"^\s*- series:\s*(.+)$")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*):\s*(.+)$")]
    private static partial Regex MapEntryLine();
}
