using System.Globalization;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests;

/// <summary>The deploy/scripts/pitr scripts: WAL archiving, a base backup, and recovery to a moment.</summary>
public sealed class PointInTimeRecoveryTests
{
    [Fact]
    public async Task Recovery_to_a_time_between_two_writes_keeps_the_first_and_leaves_out_the_second()
    {
        await using var root = await TestRoot.CreateAsync();
        var primary = await PostgresCluster.StartNewAsync(root, "primary");
        await primary.QueryAsync("CREATE DATABASE liyaqa", "postgres");
        var environment = primary.ScriptEnvironment(root.Combine("backups"));

        var enable = await Repository.RunScriptAsync("pitr/enable-wal-archiving.sh", environment);
        enable.AssertSucceeded();
        Assert.Contains("Restart PostgreSQL now", enable.Output, StringComparison.Ordinal);
        await primary.RestartAsync();
        Assert.Equal("on", await primary.QueryAsync("SHOW archive_mode"));

        var baseBackup = await Repository.RunScriptAsync("pitr/base-backup.sh", environment);
        baseBackup.AssertSucceeded();
        Assert.Contains("✓ Base backup created: ", baseBackup.Output, StringComparison.Ordinal);

        await primary.QueryAsync("CREATE TABLE visits (label text NOT NULL); INSERT INTO visits VALUES ('A')");
        var between = await primary.QueryAsync("SELECT clock_timestamp()");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await primary.QueryAsync("INSERT INTO visits VALUES ('B')");
        await WaitUntilArchivedAsync(primary, await primary.QueryAsync("SELECT pg_walfile_name(pg_switch_wal())"));

        var restored = new PostgresCluster(root.Combine("restored"), PostgresCluster.FreePort());
        environment["RESTORE_PORT"] = restored.Port.ToString(CultureInfo.InvariantCulture);
        var restore = await Repository.RunScriptAsync("pitr/restore-to-time.sh", environment, between, restored.DataDirectory);
        restore.AssertSucceeded();
        Assert.Contains($"✓ Recovered to {between} and promoted", restore.Output, StringComparison.Ordinal);

        Assert.Equal("A", await restored.QueryAsync("SELECT string_agg(label, ',' ORDER BY label) FROM visits"));
        Assert.Equal("f", await restored.QueryAsync("SELECT pg_is_in_recovery()"));
        Assert.Equal("off", await restored.QueryAsync("SHOW archive_mode"));
    }

    [Fact]
    public async Task A_base_backup_prunes_older_base_backups_and_the_WAL_only_they_needed()
    {
        await using var root = await TestRoot.CreateAsync();
        var server = await PostgresCluster.StartNewAsync(root, "primary");
        var environment = server.ScriptEnvironment(root.Combine("backups"));
        var expired = Directory.CreateDirectory(root.Combine("backups/base/liyaqa_base_20200101_030000")).FullName;
        var archive = Directory.CreateDirectory(root.Combine("backups/wal")).FullName;
        var files = new Dictionary<string, DateTime>
        {
            ["000000010000000000000001.gz"] = new(2020, 1, 1, 4, 0, 0, DateTimeKind.Utc),
            ["00000002.history.gz"] = new(2020, 1, 1, 4, 0, 0, DateTimeKind.Utc),
            ["000000020000000000000009.gz"] = DateTime.UtcNow.AddMinutes(5),
        };
        foreach (var (name, archivedAt) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(archive, name), "stand-in");
            File.SetLastWriteTimeUtc(Path.Combine(archive, name), archivedAt);
        }

        var backup = await Repository.RunScriptAsync("pitr/base-backup.sh", environment);

        backup.AssertSucceeded();
        Assert.Contains("Removed 1 base backup(s) older than 7 days", backup.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(expired));
        Assert.Equal(["00000002.history.gz", "000000020000000000000009.gz"],
            Directory.GetFiles(archive).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Waits until the archiver has shipped <paramref name="segment"/>: recovery can only replay what it shipped.</summary>
    private static async Task WaitUntilArchivedAsync(PostgresCluster cluster, string segment)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await cluster.QueryAsync($"SELECT coalesce(last_archived_wal >= '{segment}', false) FROM pg_stat_archiver") != "t")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
