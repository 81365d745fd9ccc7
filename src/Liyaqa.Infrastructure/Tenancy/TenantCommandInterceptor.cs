using System.Data.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// Sends the tenant with the statement that needs it, as <c>SET LOCAL app.tenant_id = '…'; &lt;the query&gt;</c> in one
/// batch. Outside a transaction (a read request's queries) PostgreSQL runs the batch as one implicit transaction, so
/// the row-level security policies see the tenant for exactly that query and no transaction costs a round trip to
/// begin or to commit. In a transaction, the first statement carries it for the rest of the transaction
/// (<see cref="TenantTransactionInterceptor"/>).
/// </summary>
public sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    private const string Prefix = $"SET LOCAL {TenantTransactionInterceptor.SettingName} = '";

    /// <summary>The statement that sets the tenant; a Guid's own formatting (or empty), never caller text.</summary>
    internal static string SetTenantStatement(string tenant) => $"{Prefix}{tenant}'";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prepare(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prepare(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prepare(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(command, eventData, cancellationToken);
        return result;
    }

    /// <summary>
    /// Prefixes the statement with the tenant where it needs it; returns the tenant when the statement cannot carry
    /// it and it must be set just before, in the same transaction.
    /// </summary>
    private static string? WithTenant(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not LiyaqaDbContext db || command.CommandText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var tenant = command.Transaction is null ? db.CurrentTenantId?.ToString("D") ?? string.Empty : TenantTransactionInterceptor.TakeTenantSetting(db, command.Transaction);
        if (tenant is null)
        {
            return null;
        }

        // SaveChanges reads each statement's row count by position (the concurrency check), so a save is never
        // prefixed: outside a transaction it finds no tenant and row-level security refuses it, as it should; as a
        // transaction's first statement it is preceded by the setting in a round trip of its own.
        if (eventData.CommandSource is CommandSource.SaveChanges or CommandSource.Migrations)
        {
            return command.Transaction is null ? null : tenant;
        }

        command.CommandText = $"{SetTenantStatement(tenant)};\n{command.CommandText}";
        return null;
    }

    private static void Prepare(DbCommand command, CommandEventData eventData)
    {
        if (WithTenant(command, eventData) is { } tenant)
        {
            using var setting = SetTenant(command, tenant);
            setting.ExecuteNonQuery();
        }
    }

    private static async ValueTask PrepareAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
    {
        if (WithTenant(command, eventData) is { } tenant)
        {
            await using var setting = SetTenant(command, tenant);
            await setting.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand SetTenant(DbCommand statement, string tenant)
    {
        var command = statement.Connection!.CreateCommand();
        command.Transaction = statement.Transaction;
        command.CommandText = SetTenantStatement(tenant);
        return command;
    }
}
