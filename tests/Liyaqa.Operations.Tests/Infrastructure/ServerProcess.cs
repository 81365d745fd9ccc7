using System.Collections.Concurrent;
using System.Diagnostics;

namespace Liyaqa.Operations.Tests.Infrastructure;

/// <summary>
/// A server a test runs as a child process listening on 127.0.0.1 (Prometheus, Alertmanager): what it prints is
/// kept for failure messages, it is ready once <c>/-/ready</c> answers, and on dispose it is killed and its scratch
/// folder removed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
    }

    /// <summary>A client of the server's HTTP API.</summary>
    public HttpClient Client { get; }

    /// <summary>What the server printed.</summary>
    public string Log => string.Join('\n', _output);

    /// <summary>Starts <paramref name="binary"/>, which must listen on 127.0.0.1:<paramref name="port"/>, and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(string binary, IEnumerable<string> arguments, int port, DirectoryInfo directory)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(new Process { StartInfo = start }, directory, port);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(Path.GetFileName(binary));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(string name)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, $"{name} exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Log}");
            try
            {
                using var response = await Client.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(clock.Elapsed < Patience, $"{name} was not ready within {Patience.TotalSeconds} s:\n{Log}");
            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
