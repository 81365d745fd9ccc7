using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Liyaqa.Operations.Tests.Infrastructure;

/// <summary>A throwaway PostgreSQL server: superuser postgres, trust authentication, 127.0.0.1 on a free port.</summary>
public sealed class PostgresCluster(string dataDirectory, int port)
{
    public static string BinDirectory { get; } = FindBinDirectory();

    public string DataDirectory { get; } = dataDirectory;

    public int Port { get; } = port;

    /// <summary>Runs initdb in <paramref name="root"/>/<paramref name="name"/> and starts the server.</summary>
    public static async Task<PostgresCluster> StartNewAsync(TestRoot root, string name)
    {
        var cluster = new PostgresCluster(root.Combine(name), FreePort());
        await Shell.RunAsPostgresUserAsync(Path.Combine(BinDirectory, "initdb"),
            $"--pgdata={cluster.DataDirectory}", "--username=postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

            port = {cluster.Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{root.Path}'
            fsync = off

            """);
        await cluster.PgCtlAsync("start");
        return cluster;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task StopAsync(string dataDirectory) =>
        Shell.RunAsPostgresUserAsync(Path.Combine(BinDirectory, "pg_ctl"), $"--pgdata={dataDirectory}", "--mode=immediate", "stop");

    public Task RestartAsync() => PgCtlAsync("restart");

    /// <summary>The libpq settings that point the deploy scripts at this server.</summary>
    public Dictionary<string, string> ScriptEnvironment(string backupDirectory) => new()
    {
        ["PGHOST"] = "127.0.0.1",
        ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = "postgres",
        ["PGDATABASE"] = "liyaqa",
        ["BACKUP_DIR"] = backupDirectory,
    };

    /// <summary>Runs SQL with psql and returns its unaligned, header-less output.</summary>
    public async Task<string> QueryAsync(string sql, string database = "liyaqa")
    {
        var result = await Shell.RunCheckedAsync("psql", [.. ConnectionArguments(database),
            "--no-psqlrc", "--quiet", "--no-align", "--tuples-only", "--set=ON_ERROR_STOP=1", $"--command={sql}"]);
        return result.Output.TrimEnd('\n');
    }

    public string[] ConnectionArguments(string database) =>
        ["--host=127.0.0.1", $"--port={Port}", "--username=postgres", $"--dbname={database}"];

    // Every start and restart names the log: without one the server would hold the test's output pipes open.
    private async Task PgCtlAsync(string action) =>
        await Shell.RunAsPostgresUserAsync(Path.Combine(BinDirectory, "pg_ctl"),
            $"--pgdata={DataDirectory}", $"--log={DataDirectory}.log", "--wait", action);

    private static string FindBinDirectory()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(dir => int.TryParse(Path.GetFileName(dir), out _))
                .OrderByDescending(dir => int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture))
                .Select(dir => Path.Combine(dir, "bin"))
            : [];
        return installed.Concat(Shell.PathDirectories).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL's server programs are not installed: apt-get install -y postgresql");
    }
}
