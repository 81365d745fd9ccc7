namespace Liyaqa.Operations.Tests.Monitoring;

public sealed class AlertmanagerTests
{
    [Fact]
    public async Task Alertmanager_config_and_its_templates_pass_amtool_check_config()
    {
        var result = await MonitoringTools.AmtoolAsync("check-config", MonitoringFiles.AlertmanagerConfig);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 inhibit rules", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 templates", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", "ServiceDown", "slack-critical")]
    [InlineData("critical", "DiskSpaceLow", "slack-critical")]
    [InlineData("warning", "DiskSpaceLow", "slack-alerts")]
    [InlineData("warning", "LoginFailureSpike", "slack-alerts")]
    [InlineData("info", "Watchdog", "slack-alerts")]
    public async Task Alerts_are_routed_by_severity(string severity, string alertName, string receiver)
    {
        var result = await MonitoringTools.AmtoolAsync("config", "routes", "test", $"--config.file={MonitoringFiles.AlertmanagerConfig}",
            $"--verify.receivers={receiver}", $"severity={severity}", $"alertname={alertName}", "job=liyaqa-backend");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(receiver, result.Output.Trim());
    }

    [Fact]
    public async Task A_warning_and_a_critical_alert_reach_their_Slack_channels_and_are_then_resolved()
    {
        // Group timings of a second: routing and delivery take a few seconds, far below this.
        var patience = TimeSpan.FromSeconds(30);
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        // Not ServiceDown: it would inhibit the warning, as the committed inhibition rules say.
        var critical = new Dictionary<string, string> { ["alertname"] = "DiskSpaceLow", ["severity"] = "critical", ["job"] = "liyaqa-backend", ["instance"] = "api-1" };
        var warning = new Dictionary<string, string> { ["alertname"] = "LoginFailureSpike", ["severity"] = "warning", ["job"] = "liyaqa-backend" };

        await alertmanager.PostAsync(resolved: false, critical, warning);
        var paged = await alertmanager.Slack.WaitForAsync(m => m.Title.StartsWith("[FIRING:1] DiskSpaceLow", StringComparison.Ordinal), patience, () => alertmanager.Log);
        var told = await alertmanager.Slack.WaitForAsync(m => m.Title.StartsWith("[FIRING:1] LoginFailureSpike", StringComparison.Ordinal), patience, () => alertmanager.Log);

        Assert.Equal(("#liyaqa-critical", "[FIRING:1] DiskSpaceLow (critical)"), (paged.Channel, paged.Title));
        Assert.Equal(("#liyaqa-alerts", "[FIRING:1] LoginFailureSpike (warning)"), (told.Channel, told.Title));
        Assert.Contains("*DiskSpaceLow on api-1*", paged.Text, StringComparison.Ordinal);
        Assert.Contains("Runbook: https://example.org/runbook", paged.Text, StringComparison.Ordinal);

        await alertmanager.PostAsync(resolved: true, critical, warning);
        var cleared = await alertmanager.Slack.WaitForAsync(m => m.Title == "[RESOLVED] DiskSpaceLow (critical)", patience, () => alertmanager.Log);
        var calm = await alertmanager.Slack.WaitForAsync(m => m.Title == "[RESOLVED] LoginFailureSpike (warning)", patience, () => alertmanager.Log);

        Assert.Equal("#liyaqa-critical", cleared.Channel);
        Assert.Contains("(resolved)", cleared.Text, StringComparison.Ordinal);
        Assert.Equal("#liyaqa-alerts", calm.Channel);
        Assert.DoesNotContain(alertmanager.Slack.Messages, m => m.Title.Contains("DiskSpaceLow", StringComparison.Ordinal) && m.Channel != "#liyaqa-critical");
        Assert.DoesNotContain(alertmanager.Slack.Messages, m => m.Title.Contains("LoginFailureSpike", StringComparison.Ordinal) && m.Channel != "#liyaqa-alerts");
    }

    [Fact]
    public async Task Receivers_post_to_the_runbook_channels_with_the_webhook_url_from_a_file()
    {
        var config = await File.ReadAllTextAsync(MonitoringFiles.AlertmanagerConfig);

        Assert.Contains("channel: \"#liyaqa-critical\"", config, StringComparison.Ordinal);
        Assert.Contains("channel: \"#liyaqa-alerts\"", config, StringComparison.Ordinal);
        Assert.Contains("slack_api_url_file: /run/secrets/slack_webhook_url", config, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", config, StringComparison.Ordinal);
        Assert.Contains("group_by: [alertname, severity]", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_slack_message_names_the_alert_and_links_the_runbook()
    {
        var directory = Directory.CreateTempSubdirectory("liyaqa-alertmanager-");
        try
        {
            var data = Path.Combine(directory.FullName, "data.json");
            await File.WriteAllTextAsync(data, """
                {"receiver": "slack-critical", "status": "firing", "externalURL": "http://alertmanager:9093",
                 "commonLabels": {"alertname": "DiskSpaceLow", "severity": "critical"},
                 "alerts": [{"status": "firing", "labels": {"alertname": "DiskSpaceLow", "severity": "critical"},
                             "annotations": {"summary": "Less than 10 % disk space free on api-1",
                                             "description": "The API's data disk on api-1 has 5% free.",
                                             "runbook_url": "https://example.org/runbook#35-disk-space-full"}}]}
                """);
            var templates = Path.Combine(Path.GetDirectoryName(MonitoringFiles.AlertmanagerConfig)!, "templates", "*.tmpl");

            var result = await MonitoringTools.AmtoolAsync("template", "render", $"--template.glob={templates}", $"--template.data={data}",
                """--template.text={{ template "liyaqa.slack.title" . }}|{{ template "liyaqa.slack.color" . }}|{{ template "liyaqa.slack.text" . }}""");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.StartsWith("[FIRING:1] DiskSpaceLow (critical)|danger|", result.Output, StringComparison.Ordinal);
            Assert.Contains("*Less than 10 % disk space free on api-1*", result.Output, StringComparison.Ordinal);
            Assert.Contains("Runbook: https://example.org/runbook#35-disk-space-full", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
