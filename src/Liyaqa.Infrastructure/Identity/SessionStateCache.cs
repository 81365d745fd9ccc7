using System.Text.Json;
using Liyaqa.Domain.Platform;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Identity;

/// <summary>Whether a club may use the API, and since when its sessions count.</summary>
public sealed record TenantSessionState(bool Suspended, DateTimeOffset SessionsValidAfter);

/// <summary>Whether a user may use the API, and since when their sessions count.</summary>
public sealed record UserSessionState(bool Disabled, DateTimeOffset SessionsValidAfter);

/// <summary>
/// What every authenticated request checks (suspension, disabled users, revoked sessions at user, club
/// and platform level), cached in Redis so all replicas agree, and dropped from the cache by whoever
/// changes it. A cache miss reads PostgreSQL.
/// </summary>
public sealed class SessionStateCache(IConnectionMultiplexer redis, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private static RedisKey TenantKey(Guid tenantId) => $"liyaqa:session-state:tenant:{tenantId}";

    private static RedisKey UserKey(Guid userId) => $"liyaqa:session-state:user:{userId}";

    private static RedisKey OperatorKey(Guid operatorId) => $"liyaqa:session-state:operator:{operatorId}";

    private static readonly RedisKey PlatformKey = "liyaqa:session-state:platform";

    private sealed record PlatformSessionState(DateTimeOffset SessionsValidAfter);

    public Task<TenantSessionState?> TenantAsync(Guid tenantId, CancellationToken ct) =>
        CachedAsync(TenantKey(tenantId), async db =>
            await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
                .Select(t => new TenantSessionState(t.Status == Domain.Tenants.TenantStatus.Suspended, t.SessionsValidAfter))
                .SingleOrDefaultAsync(ct), tenantId: null, ct);

    /// <summary>Reads as the user's tenant, inside a transaction, so row-level security admits the row.</summary>
    public Task<UserSessionState?> UserAsync(Guid tenantId, Guid userId, CancellationToken ct) =>
        CachedAsync(UserKey(userId), async db =>
            await db.Set<User>().AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new UserSessionState(!u.Enabled, u.SessionsValidAfter))
                .SingleOrDefaultAsync(ct), tenantId, ct);

    public Task<UserSessionState?> OperatorAsync(Guid operatorId, CancellationToken ct) =>
        CachedAsync(OperatorKey(operatorId), async db =>
            await db.PlatformOperators.AsNoTracking().Where(o => o.Id == operatorId)
                .Select(o => new UserSessionState(!o.Enabled, o.SessionsValidAfter))
                .SingleOrDefaultAsync(ct), tenantId: null, ct);

    public Task ForgetOperatorAsync(Guid operatorId) => redis.GetDatabase().KeyDeleteAsync(OperatorKey(operatorId));

    /// <summary>Cached even when no platform-wide revocation was ever made, so requests never ask the database for it.</summary>
    public async Task<DateTimeOffset> PlatformSessionsValidAfterAsync(CancellationToken ct) =>
        (await CachedAsync(PlatformKey, async db => new PlatformSessionState(
            await db.PlatformState.AsNoTracking().Select(p => (DateTimeOffset?)p.SessionsValidAfter).SingleOrDefaultAsync(ct) ?? DateTimeOffset.MinValue),
            tenantId: null, ct))!.SessionsValidAfter;

    public Task ForgetTenantAsync(Guid tenantId) => redis.GetDatabase().KeyDeleteAsync(TenantKey(tenantId));

    public Task ForgetUserAsync(Guid userId) => redis.GetDatabase().KeyDeleteAsync(UserKey(userId));

    public Task ForgetPlatformAsync() => redis.GetDatabase().KeyDeleteAsync(PlatformKey);

    private async Task<T?> CachedAsync<T>(RedisKey key, Func<LiyaqaDbContext, Task<T?>> load, Guid? tenantId, CancellationToken ct)
    {
        var cache = redis.GetDatabase();
        var cached = await cache.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<T>(cached.ToString());
        }

        await using var scope = scopes.CreateAsyncScope();
        if (tenantId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<Tenancy.TenantContext>().Use(id);
        }

        var db = scope.ServiceProvider.GetRequiredService<LiyaqaDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var value = await load(db);
        await transaction.CommitAsync(ct);
        if (value is not null)
        {
            await cache.StringSetAsync(key, JsonSerializer.Serialize(value), Ttl);
        }

        return value;
    }
}
