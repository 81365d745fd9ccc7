using System.Diagnostics;
using System.Text;

namespace Liyaqa.Operations.Tests.Infrastructure;

/// <summary>How a program exited and what it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output, string Error)
{
    public void AssertSucceeded() => Assert.True(ExitCode == 0, ToString());

    /// <summary>Asserts the program failed with exit code 1 and said <paramref name="message"/> on stderr.</summary>
    public void AssertFailedWith(string message) =>
        Assert.True(ExitCode == 1 && Error.Contains(message, StringComparison.Ordinal), $"expected exit code 1 and \"{message}\"; {this}");

    public override string ToString() =>
        $"{Command} exited with {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs programs to completion with a time limit.</summary>
public static class Shell
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string[] PathDirectories =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    public static bool IsInstalled(string program) => PathDirectories.Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>
    /// Runs <paramref name="program"/> with the test's environment minus every PG* variable, so a developer's
    /// own libpq settings never reach a scratch cluster, plus <paramref name="environment"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = string.Join(' ', [program, .. start.ArgumentList]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout ?? DefaultTimeout}");
        }

        return new ProcessResult(command, process.ExitCode, await output, await error);
    }

    public static async Task<ProcessResult> RunCheckedAsync(string program, params string[] arguments)
    {
        var result = await RunAsync(program, arguments);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>Runs a program as the postgres OS user when the tests run as root: PostgreSQL refuses root.</summary>
    public static Task<ProcessResult> RunAsPostgresUserAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunCheckedAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments])
            : RunCheckedAsync(program, arguments);
}
