using System.Text.Json;
using System.Text.RegularExpressions;

namespace Liyaqa.Operations.Tests.Monitoring;

public sealed record DashboardTarget(string RefId, string? DatasourceUid, string Expression);

public sealed record DashboardPanel(int Id, string Title, string Type, string? DatasourceUid, IReadOnlyList<DashboardTarget> Targets);

/// <summary>A template variable's query: the PromQL inside <c>label_values(…, label)</c> or <c>query_result(…)</c>.</summary>
public sealed record DashboardVariable(string Name, string Query, string? Selector);

/// <summary>A Grafana dashboard JSON file, reduced to what the tests check.</summary>
public sealed partial record GrafanaDashboard(
    string File, string Uid, string Title, int SchemaVersion, IReadOnlyList<DashboardPanel> Panels, IReadOnlyList<DashboardVariable> Variables)
{
    public static GrafanaDashboard Load(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var root = document.RootElement;
        var panels = new List<DashboardPanel>();
        CollectPanels(root, panels);
        var variables = root.TryGetProperty("templating", out var templating) && templating.TryGetProperty("list", out var list)
            ? list.EnumerateArray().Where(v => String(v, "type") == "query").Select(ReadVariable).ToList()
            : [];
        return new GrafanaDashboard(
            System.IO.Path.GetFileName(path),
            String(root, "uid") ?? string.Empty,
            String(root, "title") ?? string.Empty,
            root.TryGetProperty("schemaVersion", out var schema) ? schema.GetInt32() : 0,
            panels,
            variables);
    }

    /// <summary>
    /// The expression as PromQL, with Grafana's interval variables replaced by a duration. Other variables stay:
    /// the dashboards use them only inside label matcher strings, where any text is valid.
    /// </summary>
    public static string ToPromQl(string expression) => IntervalVariable().Replace(expression, "5m");

    // Rows hold their panels when collapsed.
    private static void CollectPanels(JsonElement parent, List<DashboardPanel> panels)
    {
        if (!parent.TryGetProperty("panels", out var children))
        {
            return;
        }

        foreach (var panel in children.EnumerateArray())
        {
            if (String(panel, "type") == "row")
            {
                CollectPanels(panel, panels);
                continue;
            }

            var targets = panel.TryGetProperty("targets", out var array)
                ? array.EnumerateArray().Select(t => new DashboardTarget(
                    String(t, "refId") ?? string.Empty, DatasourceUid(t), String(t, "expr") ?? string.Empty)).ToList()
                : [];
            panels.Add(new DashboardPanel(
                panel.TryGetProperty("id", out var id) ? id.GetInt32() : 0,
                String(panel, "title") ?? string.Empty,
                String(panel, "type") ?? string.Empty,
                DatasourceUid(panel),
                targets));
        }
    }

    private static DashboardVariable ReadVariable(JsonElement variable)
    {
        var query = variable.TryGetProperty("query", out var q)
            ? q.ValueKind == JsonValueKind.Object ? String(q, "query") ?? string.Empty : q.GetString() ?? string.Empty
            : string.Empty;
        var match = VariableFunction().Match(query);
        string? selector = null;
        if (match.Success)
        {
            var inner = match.Groups["inner"].Value;
            // label_values(selector, label) names a selector; label_values(label) does not.
            selector = match.Groups["function"].Value == "query_result"
                ? inner
                : inner.Contains(',', StringComparison.Ordinal) ? inner[..inner.LastIndexOf(',')].Trim() : null;
        }

        return new DashboardVariable(String(variable, "name") ?? string.Empty, query, selector);
    }

    private static string? DatasourceUid(JsonElement element) =>
        element.TryGetProperty("datasource", out var datasource) && datasource.ValueKind == JsonValueKind.Object
            ? String(datasource, "uid")
            : null;

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"\$\{?__(?:rate_interval|interval|range)\}?")]
    private static partial Regex IntervalVariable();

    [GeneratedRegex(@"^\s*(?<function>label_values|query_result)\((?<inner>.*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex VariableFunction();
}
