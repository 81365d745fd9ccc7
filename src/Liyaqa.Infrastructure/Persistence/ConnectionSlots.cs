using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// The instance's <see cref="DatabaseOptions.MaxPoolSize"/> connections as slots a request takes before it opens
/// one. Npgsql bounds a wait for a pooled connection and a connection to the server by one timeout; with the
/// wait for a busy pool taken here, Npgsql's timeout only bounds reaching the server (2 s), and a burst that
/// fills the pool waits <see cref="DatabaseOptions.PoolWaitSeconds"/> instead.
/// </summary>
public sealed class ConnectionSlots(DatabaseOptions options) : IDisposable
{
    private static readonly object Taken = new();

    private readonly SemaphoreSlim _free = new(options.MaxPoolSize, options.MaxPoolSize);
    private readonly ConditionalWeakTable<DbConnection, object> _holders = [];
    private readonly TimeSpan _wait = TimeSpan.FromSeconds(options.PoolWaitSeconds);

    public void Take(DbConnection connection)
    {
        if (!_free.Wait(_wait))
        {
            throw new DatabaseBusyException(options);
        }

        _holders.AddOrUpdate(connection, Taken);
    }

    public async ValueTask TakeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!await _free.WaitAsync(_wait, cancellationToken))
        {
            throw new DatabaseBusyException(options);
        }

        _holders.AddOrUpdate(connection, Taken);
    }

    /// <summary>Gives the connection's slot back; safe to call for a connection that holds none.</summary>
    public void Return(DbConnection connection)
    {
        if (_holders.Remove(connection))
        {
            _free.Release();
        }
    }

    public void Dispose() => _free.Dispose();
}

/// <summary>Every connection of this instance stayed in use for the whole pool wait.</summary>
public sealed class DatabaseBusyException(DatabaseOptions options)
    : NpgsqlException($"The connection pool has been exhausted: all {options.MaxPoolSize} connections of this instance stayed in use for {options.PoolWaitSeconds} s (Database:MaxPoolSize, Database:PoolWaitSeconds).")
{
    public override bool IsTransient => true;
}
