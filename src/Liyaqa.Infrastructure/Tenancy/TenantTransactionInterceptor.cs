using System.Data.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// Tells PostgreSQL which tenant each transaction acts for, as the transaction-local setting
/// <c>app.tenant_id</c> that the row-level security policies read. A transaction of a context
/// without a tenant sets it empty, so tenant-owned tables show no rows and accept no writes.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        WithoutSavepoints(eventData);
        using var command = SetTenantCommand(connection, eventData, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        WithoutSavepoints(eventData);
        await using var command = SetTenantCommand(connection, eventData, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A failed request rolls its whole transaction back, so EF Core's savepoint around each SaveChanges in it would
    /// only cost two round trips per save (SAVEPOINT, RELEASE).
    /// </summary>
    private static void WithoutSavepoints(TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            context.Database.AutoSavepointsEnabled = false;
        }
    }

    private static DbCommand SetTenantCommand(DbConnection connection, TransactionEndEventData eventData, DbTransaction transaction)
    {
        var tenantId = (eventData.Context as LiyaqaDbContext)?.CurrentTenantId;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT set_config('{SettingName}', @tenant, true)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenantId?.ToString() ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
