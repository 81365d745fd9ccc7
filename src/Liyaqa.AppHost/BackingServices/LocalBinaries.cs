using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>Finds the locally installed programs the embedded backing services run.</summary>
public static class LocalBinaries
{
    private const string SetPriv = "/usr/bin/setpriv";

    public static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The bin directory of PostgreSQL 15 or newer: the configured one, else the newest Debian
    /// install under /usr/lib/postgresql, else the directory of <c>postgres</c> on the PATH.
    /// </summary>
    public static string PostgresBinDirectory(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }
        else
        {
            if (Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : 0))
                    .Where(v => v.Major >= 15)
                    .OrderByDescending(v => v.Major)
                    .Select(v => Path.Combine(v.Dir, "bin")));
            }

            if (FindOnPath("postgres") is { } onPath)
            {
                candidates.Add(Path.GetDirectoryName(onPath)!);
            }
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
            ?? throw new MissingPrerequisiteException(
                "Liyaqa: the PostgreSQL 15+ server (postgres, initdb) is not installed: run `sudo apt-get install -y postgresql` " +
                "(or set Liyaqa:PostgresBinDirectory), or run with containers (Liyaqa__BackingServices=Containers).");
    }

    public static string RedisServer() =>
        FindOnPath("redis-server")
        ?? throw new MissingPrerequisiteException(
            "Liyaqa: redis-server is not installed: run `sudo apt-get install -y redis-server`, " +
            "or run with containers (Liyaqa__BackingServices=Containers).");

    public static string PgBouncer() =>
        FindOnPath("pgbouncer") ?? (File.Exists("/usr/sbin/pgbouncer") ? "/usr/sbin/pgbouncer" : null)
        ?? throw new MissingPrerequisiteException("Liyaqa: PgBouncer is not installed: run `sudo apt-get install -y pgbouncer`, or leave Liyaqa:PgBouncer off.");

    /// <summary>As root, a folder the postgres user's programs read and write belongs to that user.</summary>
    public static async Task HandOverToPostgresUserAsync(string directory, CancellationToken ct)
    {
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], logger: null, ct);
        }
    }

    public static async Task RunAsync(string command, string[] args, ILogger? logger, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {command}");
        var output = await process.StandardOutput.ReadToEndAsync(ct) + await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed with exit code {process.ExitCode}: {output}");
        }

        logger?.LogInformation("{Command}: {Output}", Path.GetFileName(command), output);
    }

    /// <summary>
    /// The command line that runs <paramref name="program"/> as the postgres user when this process is
    /// root (PostgreSQL refuses to run as root), or as is otherwise. setpriv execs, so signals reach the program.
    /// </summary>
    public static (string Command, string[] Prefix) AsPostgresUser(string program)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return (program, []);
        }

        RequireSetPriv();
        return (SetPriv, ["--reuid=postgres", "--regid=postgres", "--init-groups", program]);
    }

    /// <summary>
    /// The command line that runs the postgres server under a small supervisor shell. The orchestrator stops
    /// a process with SIGTERM, which PostgreSQL treats as a "smart" shutdown that waits for every client to
    /// leave (and is then killed). The supervisor turns SIGTERM into SIGINT, a fast clean shutdown, and the
    /// server gets SIGINT too if the supervisor itself is killed, so no postgres outlives the AppHost.
    /// </summary>
    public static (string Command, string[] Prefix) SupervisedPostgres(string postgres)
    {
        RequireSetPriv();
        string[] supervisor =
        [
            "/bin/sh", "-c",
            """
            trap 'kill -INT "$child" 2>/dev/null' TERM INT
            /usr/bin/setpriv --pdeathsig INT -- "$@" &
            child=$!
            while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || break; done
            exit "$status"
            """,
            "postgres-supervisor", postgres,
        ];
        var (command, prefix) = AsPostgresUser(supervisor[0]);
        return (command, [.. prefix, .. supervisor[1..]]);
    }

    private static void RequireSetPriv()
    {
        if (!File.Exists(SetPriv))
        {
            throw new MissingPrerequisiteException("Liyaqa: the embedded PostgreSQL needs /usr/bin/setpriv: run `sudo apt-get install -y util-linux`.");
        }
    }
}
