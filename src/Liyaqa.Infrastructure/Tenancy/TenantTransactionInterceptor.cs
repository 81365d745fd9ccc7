using System.Data.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// Tells PostgreSQL which tenant each transaction acts for, as the transaction-local setting
/// <c>app.tenant_id</c> that the row-level security policies read. A transaction of a context
/// without a tenant sets it empty, so tenant-owned tables show no rows and accept no writes.
/// The setting travels with the transaction's first statement (<see cref="TenantCommandInterceptor"/>), so
/// beginning a transaction costs no round trip of its own.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Pending(eventData, result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Pending(eventData, result);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The tenant the transaction's first statement must set (a Guid's own formatting, or empty for none), once;
    /// null when the statement is not the first of a transaction this interceptor saw begin.
    /// </summary>
    internal static string? TakeTenantSetting(LiyaqaDbContext db, DbTransaction? transaction)
    {
        if (transaction is null || !ReferenceEquals(db.TenantSettingPendingIn, transaction))
        {
            return null;
        }

        db.TenantSettingPendingIn = null;
        return db.CurrentTenantId?.ToString("D") ?? string.Empty;
    }

    /// <summary>
    /// A failed request rolls its whole transaction back, so EF Core's savepoint around each SaveChanges in it would
    /// only cost two round trips per save (SAVEPOINT, RELEASE).
    /// </summary>
    private static void Pending(TransactionEndEventData eventData, DbTransaction transaction)
    {
        if (eventData.Context is LiyaqaDbContext db)
        {
            db.Database.AutoSavepointsEnabled = false;
            db.TenantSettingPendingIn = transaction;
        }
    }

    private static void Ended(TransactionEndEventData eventData)
    {
        if (eventData.Context is LiyaqaDbContext db)
        {
            db.TenantSettingPendingIn = null;
        }
    }
}
