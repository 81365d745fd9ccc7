using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests.Monitoring;

/// <summary>promtool and amtool, from Debian's packages; a test that needs one fails when it is missing.</summary>
public static partial class MonitoringTools
{
    public const string PrometheusPackage = "prometheus";

    public const string AlertmanagerPackage = "prometheus-alertmanager";

    public static async Task<ProcessResult> PromtoolAsync(params string[] arguments)
    {
        Require("promtool", PrometheusPackage);
        return await Shell.RunAsync("promtool", arguments);
    }

    public static async Task<ProcessResult> AmtoolAsync(params string[] arguments)
    {
        Require("amtool", AlertmanagerPackage);
        return await Shell.RunAsync("amtool", arguments);
    }

    /// <summary>
    /// Checks PromQL expressions offline: writes them as recording rules named after where they come from and runs
    /// <c>promtool check rules</c>, which parses every expression.
    /// </summary>
    public static async Task<ProcessResult> CheckPromQlAsync(IReadOnlyList<(string Name, string Expression)> expressions)
    {
        var rules = new StringBuilder("groups:\n  - name: expressions-under-test\n    rules:\n");
        foreach (var (name, expression) in expressions)
        {
            rules.Append(CultureInfo.InvariantCulture, $"      - record: {RecordName(name)}\n        expr: |\n");
            foreach (var line in expression.Split('\n'))
            {
                rules.Append(CultureInfo.InvariantCulture, $"          {line}\n");
            }
        }

        var directory = Directory.CreateTempSubdirectory("liyaqa-promql-");
        try
        {
            var file = Path.Combine(directory.FullName, "expressions.yml");
            await File.WriteAllTextAsync(file, rules.ToString());
            return await PromtoolAsync("check", "rules", "--lint=none", file);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A valid recording-rule name for <paramref name="name"/>, so promtool's messages say which panel failed.</summary>
    public static string RecordName(string name) => NotInMetricName().Replace(name, "_");

    private static void Require(string program, string debianPackage) =>
        Assert.True(Shell.IsInstalled(program),
            $"{program} is not installed: apt-get install -y {debianPackage} (Debian package {debianPackage})");

    [GeneratedRegex("[^A-Za-z0-9_:]")]
    private static partial Regex NotInMetricName();
}
