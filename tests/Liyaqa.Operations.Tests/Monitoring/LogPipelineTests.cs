using System.Text.RegularExpressions;

namespace Liyaqa.Operations.Tests.Monitoring;

/// <summary>
/// Promtail and Loki have no Debian package to run here, so these read their configuration: the labels Promtail
/// attaches must be the ones the runbook's LogQL queries select on.
/// </summary>
public sealed partial class LogPipelineTests
{
    private static readonly string Promtail = File.ReadAllText(MonitoringFiles.PromtailConfig);

    [Fact]
    public void Promtail_ships_the_backend_containers_log_to_Loki()
    {
        Assert.Contains("docker_sd_configs:", Promtail, StringComparison.Ordinal);
        Assert.Contains("regex: /liyaqa-backend\n", Promtail, StringComparison.Ordinal);
        Assert.Contains("action: keep", Promtail, StringComparison.Ordinal);
        Assert.Contains("- url: http://loki:3100/loki/api/v1/push", Promtail, StringComparison.Ordinal);
        Assert.Matches(@"- target_label: app\n\s+replacement: liyaqa-backend\n", Promtail);
        Assert.Matches(@"level: LogLevel\n", Promtail);
    }

    [Fact]
    public void The_runbooks_LogQL_queries_select_on_labels_Promtail_sets()
    {
        var labels = StreamLabels();
        var queries = File.ReadAllLines(MonitoringFiles.Runbook)
            .Select(line => LogQlQuery().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(queries);

        Assert.All(queries, query =>
        {
            var selector = StreamSelector().Match(query);
            Assert.True(selector.Success, query);
            foreach (Match matcher in Matcher().Matches(selector.Groups[1].Value))
            {
                Assert.True(labels.ContainsKey(matcher.Groups[1].Value), $"{query}: Promtail sets no label {matcher.Groups[1].Value}");
                if (labels[matcher.Groups[1].Value] is { } value)
                {
                    Assert.Equal(value, matcher.Groups[2].Value);
                }
            }

            // After the selector, label filters such as userId="123" read the structured metadata Promtail attaches.
            foreach (Match filter in LabelFilter().Matches(query[(selector.Index + selector.Length)..]))
            {
                Assert.Matches($@"structured_metadata:(\n\s+\w+:)*\n\s+{filter.Groups[1].Value}:", Promtail);
            }
        });
    }

    [Fact]
    public async Task Loki_is_one_node_on_port_3100_that_accepts_structured_metadata()
    {
        var loki = await File.ReadAllTextAsync(MonitoringFiles.LokiConfig);

        Assert.Contains("http_listen_port: 3100", loki, StringComparison.Ordinal);
        Assert.Contains("schema: v13", loki, StringComparison.Ordinal);
        Assert.Contains("store: tsdb", loki, StringComparison.Ordinal);
        Assert.Contains("allow_structured_metadata: true", loki, StringComparison.Ordinal);
        Assert.Contains("replication_factor: 1", loki, StringComparison.Ordinal);
    }

    /// <summary>The stream labels Promtail attaches, with their fixed value where they have one.</summary>
    private static Dictionary<string, string?> StreamLabels()
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (Match relabel in TargetLabel().Matches(Promtail))
        {
            labels[relabel.Groups[1].Value] = relabel.Groups[2].Success ? relabel.Groups[2].Value : null;
        }

        foreach (Match stage in LabelsStage().Matches(Promtail))
        {
            labels[stage.Groups[1].Value] = null;
        }

        return labels;
    }

    // logcli query '{…} …' and "# Query: {…} …" in the runbook.
    [GeneratedRegex(@"(?:logcli query '|Query: )(\{[^']*)")]
    private static partial Regex LogQlQuery();

    [GeneratedRegex(@"^\{([^}]*)\}")]
    private static partial Regex StreamSelector();

    [GeneratedRegex(@"(\w+)\s*=~?\s*""([^""]*)""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\|\s*(\w+)\s*=\s*""")]
    private static partial Regex LabelFilter();

    [GeneratedRegex(@"target_label: (\w+)(?:\n\s+replacement: (\S+))?")]
    private static partial Regex TargetLabel();

    [GeneratedRegex(@"- labels:\n\s+(\w+):")]
    private static partial Regex LabelsStage();
}
