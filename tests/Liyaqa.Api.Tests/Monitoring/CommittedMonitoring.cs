using Liyaqa.Operations.Tests.Monitoring;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>The monitoring configuration committed under deploy/monitoring, read from the checkout the tests run in.</summary>
public static class CommittedMonitoring
{
    public static string Root { get; } = Path.Combine(FindRepositoryRoot(), "deploy", "monitoring");

    public static string PrometheusConfig => Path.Combine(Root, "prometheus", "prometheus.yml");

    public static string[] AlertRuleFiles => Sorted(Directory.GetFiles(Path.Combine(Root, "prometheus", "alerts"), "*.yml"));

    public static string[] DashboardFiles => Sorted(Directory.GetFiles(Path.Combine(Root, "grafana", "dashboards"), "*.json"));

    public static MetricAllowList Metrics => MetricAllowList.Load(Path.Combine(Root, "metrics.txt"));

    private static string[] Sorted(string[] files) => [.. files.Order(StringComparer.Ordinal)];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Liyaqa.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Liyaqa.sln above {AppContext.BaseDirectory}");
    }
}
