using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>An alert as Prometheus' <c>/api/v1/alerts</c> reports it: <c>pending</c> or <c>firing</c>.</summary>
public sealed record ActiveAlert(string Name, string State, IReadOnlyDictionary<string, string> Labels);

/// <summary>A rule as Prometheus loaded it, and how its last evaluation went.</summary>
public sealed record LoadedRule(string Name, string Query, string Health, string? LastError);

/// <summary>
/// Debian's Prometheus as a child process of the test, scraping every API replica with the committed
/// <c>liyaqa-backend</c> job and evaluating the committed alert rules, with 1 s intervals and every
/// <c>for:</c> shortened to <see cref="AlertFor"/>. Its data lives in a temporary folder removed on dispose.
/// </summary>
public sealed partial class PrometheusServer : IAsyncDisposable
{
    public const string Job = "liyaqa-backend";

    /// <summary>What every alert rule's <c>for:</c> becomes, so pending turns to firing within seconds.</summary>
    public static readonly TimeSpan AlertFor = TimeSpan.FromSeconds(3);

    private const string Binary = "/usr/bin/prometheus";
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServerProcess _server;

    private PrometheusServer(ServerProcess server, IReadOnlyList<string> targets)
    {
        Targets = targets;
        _server = server;
    }

    /// <summary>The replicas scraped, as <c>host:port</c> (Prometheus' <c>instance</c> label).</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>What Prometheus logged, for failure messages.</summary>
    public string Log => _server.Log;

    public static async Task<PrometheusServer> StartAsync(LiyaqaAppFixture app)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: apt-get install -y prometheus (Debian package prometheus)");
        var targets = await app.ScrapeTargetsAsync();
        var directory = Directory.CreateTempSubdirectory("liyaqa-prometheus-");
        var rules = directory.CreateSubdirectory("rules");
        foreach (var file in CommittedMonitoring.AlertRuleFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(rules.FullName, Path.GetFileName(file)), ShortenFor(await File.ReadAllTextAsync(file)));
        }

        var token = Path.Combine(directory.FullName, "management-token");
        await File.WriteAllTextAsync(token, app.ManagementToken);
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(await File.ReadAllLinesAsync(CommittedMonitoring.PrometheusConfig), targets, token, rules.FullName));

        var port = LoopbackPort.Free();
        var server = await ServerProcess.StartAsync(
            Binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}"],
            port,
            directory);
        return new PrometheusServer(server, targets);
    }

    /// <summary>
    /// The committed rule file with every <c>for:</c> set to <see cref="AlertFor"/>; expressions, range windows and
    /// thresholds stay as committed (a 5m rate needs only two 1 s samples in its window).
    /// </summary>
    private static string ShortenFor(string rules) =>
        ForLine().Replace(rules, match => $"{match.Groups["indent"].Value}for: {AlertFor.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");

    /// <summary>
    /// prometheus.yml for the test: the committed <see cref="Job"/> job as it stands (metrics path, bearer
    /// authorization) with only its targets and token file replaced, 1 s intervals, and the given rule folder.
    /// The monitoring stack's own jobs and Alertmanager are left out: they do not run here.
    /// </summary>
    private static string Config(string[] committed, IEnumerable<string> targets, string tokenFile, string rulesDirectory)
    {
        var start = Array.FindIndex(committed, line => line.Trim() == $"- job_name: {Job}");
        Assert.True(start >= 0, $"{CommittedMonitoring.PrometheusConfig} has no job {Job}");
        var dash = committed[start].IndexOf('-', StringComparison.Ordinal);
        var job = string.Join('\n', committed.Skip(start).TakeWhile((line, i) => i == 0 || (line.Trim().Length > 0 && line.Length - line.TrimStart().Length > dash)));
        job = ReplaceOnce(job, CredentialsFileLine(), $"credentials_file: {tokenFile}");
        job = ReplaceOnce(job, TargetsLine(), $"- targets: [{string.Join(", ", targets.Select(t => $"\"{t}\""))}]");
        var interval = $"{ScrapeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        return $"""
            global:
              scrape_interval: {interval}
              scrape_timeout: {interval}
              evaluation_interval: {interval}
            rule_files:
              - {rulesDirectory}/*.yml
            scrape_configs:
            {job}

            """;
    }

    /// <summary>The result vector or matrix of an instant query; fails the test on a query error.</summary>
    private async Task<JsonElement> QueryAsync(string promQl)
    {
        var (result, error) = await TryQueryAsync(promQl);
        Assert.True(error is null, $"{promQl}: {error}");
        return result;
    }

    /// <summary>An instant query's result, or Prometheus' error for it.</summary>
    public async Task<(JsonElement Result, string? Error)> TryQueryAsync(string promQl)
    {
        var answer = await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
        return answer.GetProperty("status").GetString() == "success"
            ? (answer.GetProperty("data").GetProperty("result").Clone(), null)
            : (default, $"{answer.GetProperty("errorType").GetString()}: {answer.GetProperty("error").GetString()}");
    }

    /// <summary>The names of every series scraped from the API.</summary>
    public async Task<IReadOnlySet<string>> ScrapedMetricNamesAsync()
    {
        var answer = await GetAsync($"/api/v1/label/__name__/values?match[]={Uri.EscapeDataString($"{{job=\"{Job}\"}}")}");
        return answer.GetProperty("data").EnumerateArray().Select(name => name.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<ActiveAlert>> AlertsAsync()
    {
        var answer = await GetAsync("/api/v1/alerts");
        return [.. answer.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(alert =>
        {
            var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!, StringComparer.Ordinal);
            return new ActiveAlert(labels["alertname"], alert.GetProperty("state").GetString()!, labels);
        })];
    }

    public async Task<IReadOnlyList<LoadedRule>> RulesAsync()
    {
        var answer = await GetAsync("/api/v1/rules");
        return [.. answer.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Select(rule => new LoadedRule(
                rule.GetProperty("name").GetString()!,
                rule.GetProperty("query").GetString()!,
                rule.GetProperty("health").GetString()!,
                rule.TryGetProperty("lastError", out var error) ? error.GetString() : null))];
    }

    /// <summary>
    /// Waits until every target has been scraped successfully at least twice since this call, so that what the API
    /// did before it is in Prometheus and a rate over it has two samples. A scrape can time out on a busy machine.
    /// </summary>
    public async Task WaitForFreshScrapesAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(250);
            // up is 1 for a successful scrape and 0 for a failed one, so its sum counts the successful ones.
            var window = (long)clock.Elapsed.TotalMilliseconds;
            var result = await QueryAsync($"count(sum_over_time(up{{job=\"{Job}\"}}[{window}ms]) >= 2)");
            var fresh = result.GetArrayLength() == 0 ? 0 : int.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            if (fresh == Targets.Count)
            {
                return;
            }

            Assert.True(clock.Elapsed < Patience, $"{fresh} of {string.Join(", ", Targets)} scraped twice in {Patience.TotalSeconds} s; targets: {await GetAsync("/api/v1/targets")}\n{Log}");
        }
    }

    private async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        // Query errors come with a 4xx status and the same JSON envelope.
        using var response = await _server.Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string ReplaceOnce(string text, Regex pattern, string replacement)
    {
        Assert.True(pattern.Count(text) == 1, $"expected one match of {pattern} in the committed job:\n{text}");
        return pattern.Replace(text, replacement);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [GeneratedRegex(@"^(?<indent>[ ]+)for:[ ]*\S+[ ]*$", RegexOptions.Multiline)]
    private static partial Regex ForLine();

    [GeneratedRegex(@"credentials_file:[ ]*\S+")]
    private static partial Regex CredentialsFileLine();

    [GeneratedRegex(@"- targets:[ ]*\[[^\]]*\]")]
    private static partial Regex TargetsLine();
}
