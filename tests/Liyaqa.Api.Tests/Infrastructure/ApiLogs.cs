using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// Keeps what the API instances write to their console (the test host logs it under
/// <c>…Resources.api</c>), so tests can look for a line as an operator's <c>grep</c> over the logs would.
/// </summary>
public sealed class ApiLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) =>
        categoryName.EndsWith(".Resources.api", StringComparison.Ordinal) ? new Capture(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public async Task<string?> WaitForLineAsync(Func<string, bool> matches, TimeSpan? patience = null)
    {
        var limit = patience ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_lines.FirstOrDefault(matches) is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        return null;
    }

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Writes every captured line to <paramref name="path"/>, for reading after a failed run.</summary>
    public void SaveTo(string path) => File.WriteAllLines(path, _lines);

    public void Dispose()
    {
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
