using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests;

/// <summary>backup-database.sh, verify-backup.sh and restore-database.sh against real servers.</summary>
public sealed class DumpBackupTests(BackupFixture fixture) : IClassFixture<BackupFixture>
{
    private const string BackupCompleted = "✓ Backup completed successfully";

    [Fact]
    public async Task A_backup_verifies_and_restores_into_a_fresh_cluster_with_every_row()
    {
        var environment = fixture.NewScriptEnvironment();
        var dump = await BackUpAsync(environment);

        var verify = await Repository.RunScriptAsync("verify-backup.sh", environment);
        verify.AssertSucceeded();
        Assert.Contains($"✓ Backup file exists: {dump}", verify.Output, StringComparison.Ordinal);
        Assert.Contains("✓ Backup file size: ", verify.Output, StringComparison.Ordinal);
        Assert.Contains("✓ Backup file age: 0 hours", verify.Output, StringComparison.Ordinal);
        Assert.Contains("✓ Backup integrity verified (4 tables, 2502 rows", verify.Output, StringComparison.Ordinal);
        Assert.Empty(await fixture.Source.QueryAsync("SELECT datname FROM pg_database WHERE datname LIKE 'liyaqa_verify%'"));

        var target = await PostgresCluster.StartNewAsync(fixture.Root, "fresh");
        // Roles belong to the cluster, not the dump: the script creates the ones the dump grants to.
        var targetEnvironment = target.ScriptEnvironment(environment["BACKUP_DIR"]);
        var restore = await Repository.RunScriptAsync("restore-database.sh", targetEnvironment, dump);
        restore.AssertSucceeded();

        Assert.Equal(await SchemaAsync(fixture.Source), await SchemaAsync(target));
        var relations = await fixture.Source.QueryAsync("""
            SELECT format('%I.%I', n.nspname, c.relname), c.relkind FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'S') AND n.nspname IN ('public', 'billing') ORDER BY 1
            """);
        Assert.Equal(5, relations.Split('\n').Length);
        foreach (var (name, kind) in relations.Split('\n').Select(line => line.Split('|')).Select(f => (f[0], f[1])))
        {
            var rows = kind == "S"
                ? $"SELECT last_value, is_called FROM {name}"
                : $"SELECT t::text FROM {name} AS t ORDER BY t::text COLLATE \"C\"";
            Assert.Equal(await fixture.Source.QueryAsync(rows), await target.QueryAsync(rows));
        }

        // Equal on both sides could still mean mangled on both: the Arabic text itself survived.
        Assert.Equal("نورة العتيبي 3\tسطر أول\\nسطر ثانٍ\\tمع \\\\ شرطة مائلة",
            await target.QueryAsync("COPY (SELECT full_name, notes FROM members WHERE id = 3) TO STDOUT"));
    }

    [Fact]
    public async Task Restore_refuses_a_database_with_tables_unless_forced()
    {
        var environment = fixture.NewScriptEnvironment();
        var dump = await BackUpAsync(environment);
        environment["PGDATABASE"] = "liyaqa_copy";
        (await Repository.RunScriptAsync("restore-database.sh", environment, dump)).AssertSucceeded();
        await fixture.Source.QueryAsync("DELETE FROM billing.invoices", "liyaqa_copy");

        var refused = await Repository.RunScriptAsync("restore-database.sh", environment, dump);
        refused.AssertFailedWith("✗ database liyaqa_copy already has tables: pass --force to replace it");

        var forced = await Repository.RunScriptAsync("restore-database.sh", environment, "--force", dump);
        forced.AssertSucceeded();
        Assert.Equal("500", await fixture.Source.QueryAsync("SELECT count(*) FROM billing.invoices", "liyaqa_copy"));
    }

    [Fact]
    public async Task Backup_deletes_dumps_older_than_the_retention_period_and_keeps_recent_ones()
    {
        var environment = fixture.NewScriptEnvironment();
        var directory = Directory.CreateDirectory(environment["BACKUP_DIR"]).FullName;
        string[] old = ["liyaqa_20200101_020000.sql.gz", "liyaqa_20200101_020000.rowcounts.tsv"];
        string[] recent = ["liyaqa_20200201_020000.sql.gz", "liyaqa_20200201_020000.rowcounts.tsv"];
        foreach (var (name, age) in old.Select(n => (n, 31)).Concat(recent.Select(n => (n, 29))))
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllTextAsync(path, "stand-in");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-age));
        }

        environment["RETENTION_DAYS"] = "30";
        var backup = await Repository.RunScriptAsync("backup-database.sh", environment);

        backup.AssertSucceeded();
        Assert.Contains("Removed 2 file(s) older than 30 days", backup.Output, StringComparison.Ordinal);
        Assert.All(old, name => Assert.False(File.Exists(Path.Combine(directory, name)), $"{name} was kept"));
        Assert.All(recent, name => Assert.True(File.Exists(Path.Combine(directory, name)), $"{name} was deleted"));
        Assert.Equal(2, Directory.GetFiles(directory, "liyaqa_*.sql.gz").Length);
    }

    [Fact]
    public async Task Backup_uploads_to_S3_when_a_bucket_is_set_and_fails_clearly_without_the_aws_CLI()
    {
        var pathWithoutAws = string.Join(Path.PathSeparator, Shell.PathDirectories.Where(dir => !File.Exists(Path.Combine(dir, "aws"))));
        var fakeBin = Directory.CreateDirectory(fixture.Root.Combine("fake-aws")).FullName;
        var awsLog = Path.Combine(fakeBin, "aws.log");
        var fakeAws = Path.Combine(fakeBin, "aws");
        await File.WriteAllTextAsync(fakeAws, $"#!/bin/sh\necho \"$*\" >> {awsLog}\n");
        File.SetUnixFileMode(fakeAws, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var environment = fixture.NewScriptEnvironment();
        environment["S3_BUCKET"] = "liyaqa-backups";
        environment["S3_PREFIX"] = "daily/";
        environment["PATH"] = fakeBin + Path.PathSeparator + pathWithoutAws;
        var dump = await BackUpAsync(environment);
        var name = Path.GetFileName(dump)[..^".sql.gz".Length];
        Assert.Equal(
            [$"s3 cp --only-show-errors {dump} s3://liyaqa-backups/daily/{name}.sql.gz",
             $"s3 cp --only-show-errors {ManifestOf(dump)} s3://liyaqa-backups/daily/{name}.rowcounts.tsv"],
            await File.ReadAllLinesAsync(awsLog));

        var withoutCli = fixture.NewScriptEnvironment();
        withoutCli["S3_BUCKET"] = "liyaqa-backups";
        withoutCli["PATH"] = pathWithoutAws;
        var failed = await Repository.RunScriptAsync("backup-database.sh", withoutCli);
        failed.AssertFailedWith("✗ S3_BUCKET is set but the aws CLI is not installed");
        Assert.Single(Directory.GetFiles(withoutCli["BACKUP_DIR"], "liyaqa_*.sql.gz"));
    }

    [Fact]
    public async Task Verify_fails_on_a_truncated_dump_and_restore_refuses_it()
    {
        var environment = fixture.NewScriptEnvironment();
        var dump = await BackUpAsync(environment);
        var bytes = await File.ReadAllBytesAsync(dump);
        await File.WriteAllBytesAsync(dump, bytes[..(bytes.Length / 2)]);

        var verify = await Repository.RunScriptAsync("verify-backup.sh", environment, dump);
        verify.AssertFailedWith($"✗ Backup integrity: {dump} is truncated or corrupt");

        environment["PGDATABASE"] = "liyaqa_from_truncated";
        var restore = await Repository.RunScriptAsync("restore-database.sh", environment, dump);
        restore.AssertFailedWith("is truncated or corrupt (gzip -t failed): nothing was restored");
    }

    [Fact]
    public async Task Verify_fails_when_the_restored_rows_differ_from_the_manifest()
    {
        var environment = fixture.NewScriptEnvironment();
        var dump = await BackUpAsync(environment);
        var manifest = ManifestOf(dump);
        var counts = await File.ReadAllTextAsync(manifest);
        Assert.Contains("public.members\t2000\n", counts, StringComparison.Ordinal);
        await File.WriteAllTextAsync(manifest, counts.Replace("public.members\t2000", "public.members\t2001", StringComparison.Ordinal));

        var verify = await Repository.RunScriptAsync("verify-backup.sh", environment);

        verify.AssertFailedWith("✗ Backup integrity: row counts after restore differ from the manifest");
        Assert.Contains("< public.members\t2001", verify.Error, StringComparison.Ordinal);
        Assert.Empty(await fixture.Source.QueryAsync("SELECT datname FROM pg_database WHERE datname LIKE 'liyaqa_verify%'"));
    }

    [Fact]
    public async Task Verify_fails_on_a_backup_older_than_the_allowed_age()
    {
        var environment = fixture.NewScriptEnvironment();
        var dump = await BackUpAsync(environment);
        File.SetLastWriteTimeUtc(dump, DateTime.UtcNow.AddHours(-30));

        var verify = await Repository.RunScriptAsync("verify-backup.sh", environment);

        verify.AssertFailedWith("✗ Backup file age: 30 hours, older than MAX_AGE_HOURS=26");
    }

    /// <summary>Runs backup-database.sh and returns the path of the dump it made.</summary>
    private static async Task<string> BackUpAsync(Dictionary<string, string> environment)
    {
        var backup = await Repository.RunScriptAsync("backup-database.sh", environment);
        backup.AssertSucceeded();
        Assert.EndsWith(BackupCompleted, backup.Output.TrimEnd(), StringComparison.Ordinal);
        var created = backup.Output.Split('\n').Single(line => line.StartsWith("Backup created: ", StringComparison.Ordinal));
        var dump = created["Backup created: ".Length..];
        Assert.Matches(@"/liyaqa_\d{8}_\d{6}\.sql\.gz$", dump);
        Assert.True(File.Exists(ManifestOf(dump)), "the row-count manifest is missing");
        return dump;
    }

    private static string ManifestOf(string dump) => dump[..^".sql.gz".Length] + ".rowcounts.tsv";

    /// <summary>The schema as pg_dump prints it, less the random key of its \restrict guard lines.</summary>
    private static async Task<string> SchemaAsync(PostgresCluster cluster)
    {
        var dump = await Shell.RunCheckedAsync("pg_dump", [.. cluster.ConnectionArguments("liyaqa"), "--schema-only"]);
        return string.Join('\n', dump.Output.Split('\n').Where(line => !line.StartsWith(@"\restrict", StringComparison.Ordinal) && !line.StartsWith(@"\unrestrict", StringComparison.Ordinal)));
    }
}
