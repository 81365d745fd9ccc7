namespace Liyaqa.Operations.Tests.Monitoring;

/// <summary>
/// deploy/monitoring/metrics.txt: one metric name per line, <c>#</c> starts a comment. A name whose comment is
/// <c># prometheus</c> is made by Prometheus itself (<c>up</c>, <c>ALERTS</c>); every other name must be in the
/// API's scrape.
/// </summary>
public sealed record MetricAllowList(IReadOnlySet<string> ApiMetrics, IReadOnlySet<string> PrometheusMetrics)
{
    public IReadOnlySet<string> All => ApiMetrics.Union(PrometheusMetrics).ToHashSet(StringComparer.Ordinal);

    public static MetricAllowList Load(string path) => Parse(File.ReadAllLines(path));

    public static MetricAllowList Parse(IEnumerable<string> lines)
    {
        var api = new SortedSet<string>(StringComparer.Ordinal);
        var prometheus = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var name = (hash < 0 ? line : line[..hash]).Trim();
            if (name.Length == 0)
            {
                continue;
            }

            var comment = hash < 0 ? string.Empty : line[(hash + 1)..].Trim();
            var set = comment == "prometheus" ? prometheus : api;
            if (!set.Add(name))
            {
                throw new FormatException($"{name} is listed twice");
            }
        }

        return new MetricAllowList(api, prometheus);
    }
}
