using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// Keeps requests from each waiting out the connect timeout while PostgreSQL cannot be reached: after
/// <see cref="FailuresToOpen"/> failed connection attempts in a row the circuit opens, and for
/// <see cref="OpenFor"/> every attempt to open a connection fails at once (the request gets its 503).
/// After that, attempts go through again; the first success closes the circuit, a failure opens it again.
/// It also sets how long a new connection may take (<see cref="ConnectPatience"/>): the connect timeout while the
/// server has not answered lately, and the longer pool wait while it has, so a burst of new connections to a busy
/// but healthy server is not refused as if the server were gone.
/// </summary>
public sealed class DatabaseCircuitBreaker(TimeProvider clock, DatabaseOptions options, ILogger<DatabaseCircuitBreaker> logger)
{
    public const int FailuresToOpen = 3;

    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(2);

    /// <summary>How recent a successful connection makes the server "answering lately".</summary>
    public static readonly TimeSpan AnsweredLately = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private int _failuresInARow;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSuccess = DateTimeOffset.MinValue;

    /// <summary>One attempt's limit: Npgsql's timeout for a new connection.</summary>
    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(options.ConnectTimeoutSeconds);

    /// <summary>How long opening a new connection may take now, over its attempts.</summary>
    public TimeSpan ConnectPatience
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromSeconds(_failuresInARow == 0 && clock.GetUtcNow() - _lastSuccess < AnsweredLately
                    ? Math.Max(options.PoolWaitSeconds, options.ConnectTimeoutSeconds)
                    : options.ConnectTimeoutSeconds);
            }
        }
    }

    /// <summary>Refuses at once while the circuit is open.</summary>
    public void ThrowIfOpen()
    {
        lock (_gate)
        {
            if (clock.GetUtcNow() < _openUntil)
            {
                throw new DatabaseUnavailableException();
            }
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            if (_failuresInARow >= FailuresToOpen)
            {
                logger.LogInformation("PostgreSQL answers again; the database circuit is closed.");
            }

            _failuresInARow = 0;
            _openUntil = DateTimeOffset.MinValue;
            _lastSuccess = clock.GetUtcNow();
        }
    }

    public void Failed()
    {
        lock (_gate)
        {
            if (++_failuresInARow >= FailuresToOpen)
            {
                if (_failuresInARow == FailuresToOpen)
                {
                    logger.LogWarning("PostgreSQL could not be reached {Failures} times in a row; requests get a 503 at once while it stays unreachable.", _failuresInARow);
                }

                _openUntil = clock.GetUtcNow() + OpenFor;
            }
        }
    }

    /// <summary>
    /// The server cannot be reached: refused, reset, or silent within the timeout. A pool with every connection
    /// in use is busy, not unreachable, and does not count.
    /// </summary>
    internal static bool IsUnreachable(Exception exception) =>
        IsBrokenConnection(exception)
        || (Chain(exception).Any(e => e is TimeoutException)
            && !exception.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal));

    /// <summary>The connection's socket failed: refused, reset or closed by a server that went away.</summary>
    internal static bool IsBrokenConnection(Exception exception) =>
        Chain(exception).Any(e => e is SocketException or IOException);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            yield return inner;
        }
    }
}

/// <summary>Opening a connection was refused without trying, because the database circuit is open.</summary>
public sealed class DatabaseUnavailableException()
    : NpgsqlException("PostgreSQL could not be reached just before; not trying again for a moment.")
{
    public override bool IsTransient => true;
}

/// <summary>
/// Feeds the <see cref="DatabaseCircuitBreaker"/> from EF Core's connections, takes each connection's
/// <see cref="ConnectionSlots">slot</see>, and empties the connection pool when a pooled connection turns out
/// broken (the server restarted), so the next request connects afresh.
/// </summary>
internal sealed class DatabaseCircuitInterceptor(DatabaseCircuitBreaker breaker, ConnectionSlots slots) : IDbConnectionInterceptor, IDbCommandInterceptor
{
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        breaker.ThrowIfOpen();
        slots.Take(connection);
        return result;
    }

    /// <summary>
    /// Opens the connection itself (EF Core's open is suppressed). Npgsql gives up on a new connection after the
    /// connect timeout; while the server has answered lately (a burst on a busy server, not an outage) a timed-out
    /// attempt is made again until the breaker's <see cref="DatabaseCircuitBreaker.ConnectPatience"/> is spent. A
    /// failure thrown here reaches <c>ConnectionFailed</c> below, which accounts for it.
    /// </summary>
    public async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        breaker.ThrowIfOpen();
        await slots.TakeAsync(connection, cancellationToken);
        var patience = Stopwatch.StartNew();
        var allowed = breaker.ConnectPatience;
        while (true)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                return InterceptionResult.Suppress();
            }
            catch (NpgsqlException timedOut) when (timedOut.InnerException is TimeoutException && patience.Elapsed + breaker.ConnectTimeout <= allowed)
            {
                // Still within the patience a server that answered lately gets: try once more.
            }
        }
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => slots.Return(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        slots.Return(connection);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => slots.Return(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        slots.Return(connection);
        return Task.CompletedTask;
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => breaker.Succeeded();

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        breaker.Succeeded();
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => OnConnectionFailed(connection, eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        OnConnectionFailed(connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => OnCommandFailed(command, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        OnCommandFailed(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private void OnConnectionFailed(DbConnection connection, Exception exception)
    {
        slots.Return(connection);
        if (DatabaseCircuitBreaker.IsUnreachable(exception))
        {
            breaker.Failed();
            ClearPool(connection);
        }
    }

    private static void OnCommandFailed(DbCommand command, Exception exception)
    {
        if (command.Connection is { } connection && DatabaseCircuitBreaker.IsBrokenConnection(exception))
        {
            ClearPool(connection);
        }
    }

    private static void ClearPool(DbConnection connection)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
