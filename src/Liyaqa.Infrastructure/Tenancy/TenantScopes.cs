using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>
/// How background work acts for a club: a fresh DI scope whose tenant context is the club, and one database
/// transaction (so row-level security applies) committed when the work returns.
/// </summary>
public static class TenantScopes
{
    public static async Task<T> RunAsync<T>(this IServiceScopeFactory scopes, Guid tenantId, Func<IServiceProvider, LiyaqaDbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<LiyaqaDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(scope.ServiceProvider, db);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> for every club in turn (each in its own scope and transaction) and sums what it counted.</summary>
    public static async Task<int> CountInEveryTenantAsync(this IServiceScopeFactory scopes, Func<IServiceProvider, LiyaqaDbContext, Task<int>> work, CancellationToken ct)
    {
        var total = 0;
        foreach (var club in await scopes.TenantIdsAsync(ct))
        {
            total += await scopes.RunAsync(club, work, ct);
        }

        return total;
    }

    /// <summary>Every club's id, read outside any club.</summary>
    public static async Task<List<Guid>> TenantIdsAsync(this IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiyaqaDbContext>().Tenants.Select(t => t.Id).ToListAsync(ct);
    }
}
