namespace Liyaqa.Operations.Tests.Infrastructure;

/// <summary>
/// A folder for a test's clusters and backups, reachable by the postgres user. Disposing it stops every
/// server still running from a data directory inside it, including ones the scripts started, and deletes it.
/// </summary>
public sealed class TestRoot : IAsyncDisposable
{
    private TestRoot(string path) => Path = path;

    public string Path { get; }

    public static async Task<TestRoot> CreateAsync()
    {
        var parent = Environment.IsPrivilegedProcess
            ? "/var/tmp/liyaqa-ops-tests"
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "liyaqa-ops-tests");
        var path = System.IO.Path.Combine(parent, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        if (Environment.IsPrivilegedProcess)
        {
            await Shell.RunCheckedAsync("chown", "postgres:postgres", path);
        }

        return new TestRoot(path);
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public async ValueTask DisposeAsync()
    {
        var dataDirectories = Directory.EnumerateFiles(Path, "postmaster.pid", SearchOption.AllDirectories)
            .Select(System.IO.Path.GetDirectoryName)
            .ToList();
        foreach (var dataDirectory in dataDirectories)
        {
            await PostgresCluster.StopAsync(dataDirectory!);
        }

        Directory.Delete(Path, recursive: true);
    }
}
