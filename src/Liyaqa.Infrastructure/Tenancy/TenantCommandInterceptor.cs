using System.Data.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// A command outside a transaction (a read request's queries) carries the tenant in its own batch: it is sent as
/// <c>SET LOCAL app.tenant_id = '…'; &lt;the query&gt;</c>, which PostgreSQL runs as one implicit transaction, so the
/// row-level security policies see the tenant for exactly that query and no transaction costs a round trip to begin
/// or to commit. Inside a transaction, <see cref="TenantTransactionInterceptor"/> has set it already.
/// </summary>
public sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    private const string Prefix = $"SET LOCAL {TenantTransactionInterceptor.SettingName} = '";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        WithTenant(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        WithTenant(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        WithTenant(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        WithTenant(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        WithTenant(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        WithTenant(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void WithTenant(DbCommand command, CommandEventData eventData)
    {
        // SaveChanges reads each statement's row count by position (the concurrency check), so a save is never
        // prefixed: outside a transaction it finds no tenant and row-level security refuses it, as it should.
        if (command.Transaction is not null || eventData.CommandSource is CommandSource.SaveChanges or CommandSource.Migrations
            || command.CommandText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        // A Guid's own formatting, never caller text: nothing but hex digits and dashes reaches the SQL.
        var tenantId = (eventData.Context as LiyaqaDbContext)?.CurrentTenantId;
        command.CommandText = $"{Prefix}{tenantId?.ToString("D") ?? string.Empty}';\n{command.CommandText}";
    }
}
