using System.Data;
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
    private readonly SemaphoreSlim _free = new(options.MaxPoolSize, options.MaxPoolSize);
    private readonly ConditionalWeakTable<DbConnection, Holder> _holders = [];
    private readonly TimeSpan _wait = TimeSpan.FromSeconds(options.PoolWaitSeconds);

    /// <summary>Slots no connection holds.</summary>
    public int Free => _free.CurrentCount;

    public void Take(DbConnection connection)
    {
        var holder = HolderOf(connection);
        if (holder.HoldsSlot)
        {
            return;
        }

        if (!_free.Wait(_wait))
        {
            throw new DatabaseBusyException(options);
        }

        holder.HoldsSlot = true;
    }

    public async ValueTask TakeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var holder = HolderOf(connection);
        if (holder.HoldsSlot)
        {
            return;
        }

        if (!await _free.WaitAsync(_wait, cancellationToken))
        {
            throw new DatabaseBusyException(options);
        }

        holder.HoldsSlot = true;
    }

    /// <summary>Gives the connection's slot back; safe to call for a connection that holds none.</summary>
    public void Return(DbConnection connection)
    {
        if (_holders.TryGetValue(connection, out var holder) && holder.Release())
        {
            _free.Release();
        }
    }

    public void Dispose() => _free.Dispose();

    /// <summary>
    /// A connection is watched from its first slot on: one that breaks (the server went away mid-command) reports
    /// no close to EF Core, and a pooled context keeps that connection object for its next request, so the slot is
    /// given back when the connection stops being open, however that happens.
    /// </summary>
    private Holder HolderOf(DbConnection connection) => _holders.GetValue(connection, watched =>
    {
        watched.StateChange += (sender, change) =>
        {
            if (change.CurrentState is not (ConnectionState.Open or ConnectionState.Connecting))
            {
                Return((DbConnection)sender);
            }
        };
        return new Holder();
    });

    private sealed class Holder
    {
        private int _holdsSlot;

        public bool HoldsSlot
        {
            get => Volatile.Read(ref _holdsSlot) == 1;
            set => Volatile.Write(ref _holdsSlot, value ? 1 : 0);
        }

        /// <summary>True for the one caller that takes the slot back.</summary>
        public bool Release() => Interlocked.Exchange(ref _holdsSlot, 0) == 1;
    }
}

/// <summary>Every connection of this instance stayed in use for the whole pool wait.</summary>
public sealed class DatabaseBusyException(DatabaseOptions options)
    : NpgsqlException($"The connection pool has been exhausted: all {options.MaxPoolSize} connections of this instance stayed in use for {options.PoolWaitSeconds} s (Database:MaxPoolSize, Database:PoolWaitSeconds).")
{
    public override bool IsTransient => true;
}
