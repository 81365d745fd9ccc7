using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests.Monitoring;

/// <summary>A message Alertmanager posted to Slack: the channel and the first attachment's title and text.</summary>
public sealed record SlackMessage(string Channel, string Title, string Text);

/// <summary>
/// Debian's Alertmanager as a child process of the test, on the committed configuration and templates with two
/// changes only: the Slack webhook URL points at <see cref="Slack"/>, a listener on 127.0.0.1, and the grouping
/// waits are a second so a notification and its resolution arrive within seconds. Its files live in a temporary
/// folder removed on dispose.
/// </summary>
public sealed partial class AlertmanagerServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly ServerProcess _server;

    private AlertmanagerServer(ServerProcess server, SlackStub slack)
    {
        _server = server;
        Slack = slack;
    }

    /// <summary>What Slack received.</summary>
    public SlackStub Slack { get; }

    public string Log => _server.Log;

    public static async Task<AlertmanagerServer> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: apt-get install -y {MonitoringTools.AlertmanagerPackage}");
        var directory = Directory.CreateTempSubdirectory("liyaqa-alertmanager-");
        var committed = Path.GetDirectoryName(MonitoringFiles.AlertmanagerConfig)!;
        var templates = directory.CreateSubdirectory("templates");
        foreach (var template in Directory.GetFiles(Path.Combine(committed, "templates")))
        {
            File.Copy(template, Path.Combine(templates.FullName, Path.GetFileName(template)));
        }

        var slack = new SlackStub();
        var webhook = Path.Combine(directory.FullName, "slack_webhook_url");
        await File.WriteAllTextAsync(webhook, slack.Url.ToString());
        var config = Path.Combine(directory.FullName, "alertmanager.yml");
        await File.WriteAllTextAsync(config, ForTest(await File.ReadAllTextAsync(MonitoringFiles.AlertmanagerConfig), webhook));

        var port = LoopbackPort.Free();
        try
        {
            var server = await ServerProcess.StartAsync(
                Binary,
                [$"--config.file={config}", $"--storage.path={Path.Combine(directory.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
                port,
                directory);
            return new AlertmanagerServer(server, slack);
        }
        catch
        {
            await slack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Posts alerts as Prometheus does (<c>/api/v2/alerts</c>); with <paramref name="resolved"/> their end is now,
    /// which resolves them.
    /// </summary>
    public async Task PostAsync(bool resolved, params IReadOnlyDictionary<string, string>[] labelSets)
    {
        var now = DateTimeOffset.UtcNow;
        var alerts = labelSets.Select(labels => new
        {
            labels,
            annotations = new Dictionary<string, string>
            {
                ["summary"] = $"{labels["alertname"]} on {labels.GetValueOrDefault("instance", "the API")}",
                ["description"] = "Posted by the Alertmanager delivery test.",
                ["runbook_url"] = "https://example.org/runbook",
            },
            startsAt = now.AddMinutes(-1),
            endsAt = resolved ? now : now.AddMinutes(10),
            generatorURL = "http://prometheus:9090/graph",
        });
        using var response = await _server.Client.PostAsJsonAsync("/api/v2/alerts", alerts);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v2/alerts: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The committed configuration with the webhook URL file replaced and the group timings shortened; routes,
    /// receivers, channels, inhibitions and templates stay as committed.
    /// </summary>
    private static string ForTest(string committed, string webhookFile)
    {
        var config = ReplaceOnce(committed, UrlFileLine(), $"slack_api_url_file: {webhookFile}");
        config = ReplaceOnce(config, GroupWaitLine(), "${indent}group_wait: 1s");
        return ReplaceOnce(config, GroupIntervalLine(), "${indent}group_interval: 1s");
    }

    private static string ReplaceOnce(string text, Regex pattern, string replacement)
    {
        Assert.True(pattern.Count(text) == 1, $"expected one match of {pattern} in {MonitoringFiles.AlertmanagerConfig}");
        return pattern.Replace(text, replacement);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Slack.DisposeAsync();
    }

    [GeneratedRegex(@"slack_api_url_file:[ ]*\S+")]
    private static partial Regex UrlFileLine();

    [GeneratedRegex(@"^(?<indent>[ ]+)group_wait:[ ]*\S+[ ]*$", RegexOptions.Multiline)]
    private static partial Regex GroupWaitLine();

    [GeneratedRegex(@"^(?<indent>[ ]+)group_interval:[ ]*\S+[ ]*$", RegexOptions.Multiline)]
    private static partial Regex GroupIntervalLine();
}

/// <summary>Slack's incoming webhook, standing in on 127.0.0.1: keeps every message and answers <c>ok</c>.</summary>
public sealed class SlackStub : HttpStub
{
    private readonly ConcurrentQueue<SlackMessage> _messages = new();

    public SlackStub()
    {
        Url = new Uri(BaseAddress, "services/T000/B000/test");
        Start();
    }

    public Uri Url { get; }

    public IReadOnlyCollection<SlackMessage> Messages => _messages;

    /// <summary>Waits for a message matching <paramref name="matches"/>, failing after <paramref name="patience"/>.</summary>
    public async Task<SlackMessage> WaitForAsync(Func<SlackMessage, bool> matches, TimeSpan patience, Func<string> log)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_messages.FirstOrDefault(matches) is { } message)
            {
                return message;
            }

            Assert.True(clock.Elapsed < patience,
                $"no such Slack message within {patience.TotalSeconds} s; received:\n{string.Join('\n', _messages)}\n--- alertmanager:\n{log()}");
            await Task.Delay(100);
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using (var body = await JsonDocument.ParseAsync(context.Request.InputStream))
        {
            var root = body.RootElement;
            var attachment = root.GetProperty("attachments")[0];
            _messages.Enqueue(new SlackMessage(
                root.GetProperty("channel").GetString() ?? string.Empty,
                attachment.GetProperty("title").GetString() ?? string.Empty,
                attachment.GetProperty("text").GetString() ?? string.Empty));
        }

        context.Response.StatusCode = 200;
        await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
        context.Response.Close();
    }
}
