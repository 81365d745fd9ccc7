using System.Collections.Concurrent;
using System.Text.Json;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Identity;

/// <summary>Whether a club may use the API, and since when its sessions count.</summary>
public sealed record TenantSessionState(bool Suspended, DateTimeOffset SessionsValidAfter);

/// <summary>Whether a user may use the API, and since when their sessions count.</summary>
public sealed record UserSessionState(bool Disabled, DateTimeOffset SessionsValidAfter);

/// <summary>
/// What a club user's request is checked against: the club (null when unknown), the user as a user of that
/// club (null when the club has no such user), the platform-wide revocation instant, and whether the
/// token's own session was ended (signed out, or its refresh token replayed).
/// </summary>
public sealed record ClubSessionState(TenantSessionState? Tenant, UserSessionState? User, DateTimeOffset PlatformSessionsValidAfter, bool SessionEnded);

/// <summary>An operator's account state (null when unknown) and the platform-wide revocation instant.</summary>
public sealed record OperatorSessionState(UserSessionState? Operator, DateTimeOffset PlatformSessionsValidAfter);

/// <summary>
/// What every authenticated request checks (suspension, disabled users, revoked sessions at session, user,
/// club and platform level), cached in Redis so all replicas agree, read in one round trip (MGET), and
/// dropped from the cache by whoever changes it. A cache miss reads PostgreSQL.
/// Redis is only a cache here: while it cannot be reached, requests read PostgreSQL through a short
/// per-instance cache (a few seconds, so a change made on another replica is seen almost at once).
/// </summary>
public sealed class SessionStateCache(IConnectionMultiplexer redis, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionStateCache> logger)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LocalTtl = TimeSpan.FromSeconds(5);
    private const int LocalCapacity = 100_000;

    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset Until)> _local = new();

    /// <summary>The user's key names the club too, so a user is only ever found as a user of their own club.</summary>
    private static RedisKey UserKey(Guid tenantId, Guid userId) => $"liyaqa:session-state:user:{tenantId}:{userId}";

    private static RedisKey TenantKey(Guid tenantId) => $"liyaqa:session-state:tenant:{tenantId}";

    private static RedisKey SessionKey(Guid sessionId) => $"liyaqa:session-state:session:{sessionId}";

    private static RedisKey OperatorKey(Guid operatorId) => $"liyaqa:session-state:operator:{operatorId}";

    private static readonly RedisKey PlatformKey = "liyaqa:session-state:platform";

    private sealed record PlatformSessionState(DateTimeOffset SessionsValidAfter);

    private sealed record SessionEndState(bool Ended);

    /// <summary>A cached value: its key, the club to read it as (row-level security), and how to read it from PostgreSQL.</summary>
    private sealed record Entry(RedisKey Key, Guid? TenantId, Func<LiyaqaDbContext, CancellationToken, Task<object?>> Load);

    private static Entry Platform() => new(PlatformKey, null, async (db, c) => new PlatformSessionState(
        await db.PlatformState.AsNoTracking().Select(p => (DateTimeOffset?)p.SessionsValidAfter).SingleOrDefaultAsync(c) ?? DateTimeOffset.MinValue));

    public async Task<ClubSessionState> ClubSessionAsync(Guid tenantId, Guid userId, Guid sessionId, CancellationToken ct)
    {
        var values = await ReadAsync(
        [
            new(TenantKey(tenantId), null, async (db, c) => await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
                .Select(t => new TenantSessionState(t.Status == Domain.Tenants.TenantStatus.Suspended, t.SessionsValidAfter))
                .SingleOrDefaultAsync(c)),
            new(UserKey(tenantId, userId), tenantId, async (db, c) => await db.Set<User>().AsNoTracking().Where(u => u.Id == userId && u.TenantId == tenantId)
                .Select(u => new UserSessionState(!u.Enabled, u.SessionsValidAfter))
                .SingleOrDefaultAsync(c)),
            Platform(),
            new(SessionKey(sessionId), tenantId, async (db, c) => new SessionEndState(
                await db.RefreshTokens.AnyAsync(t => t.FamilyId == sessionId && t.RevokedAt != null, c))),
        ], ct);
        return new ClubSessionState(
            Parse<TenantSessionState>(values[0]),
            Parse<UserSessionState>(values[1]),
            Parse<PlatformSessionState>(values[2])!.SessionsValidAfter,
            Parse<SessionEndState>(values[3])?.Ended ?? true);
    }

    public async Task<OperatorSessionState> OperatorSessionAsync(Guid operatorId, CancellationToken ct)
    {
        var values = await ReadAsync(
        [
            new(OperatorKey(operatorId), null, async (db, c) => await db.PlatformOperators.AsNoTracking().Where(o => o.Id == operatorId)
                .Select(o => new UserSessionState(!o.Enabled, o.SessionsValidAfter))
                .SingleOrDefaultAsync(c)),
            Platform(),
        ], ct);
        return new OperatorSessionState(Parse<UserSessionState>(values[0]), Parse<PlatformSessionState>(values[1])!.SessionsValidAfter);
    }

    /// <summary>Cached even when no platform-wide revocation was ever made, so requests never ask the database for it.</summary>
    public async Task<DateTimeOffset> PlatformSessionsValidAfterAsync(CancellationToken ct) =>
        Parse<PlatformSessionState>((await ReadAsync([Platform()], ct))[0])!.SessionsValidAfter;

    public Task ForgetOperatorAsync(Guid operatorId) => ForgetAsync(OperatorKey(operatorId));

    public Task ForgetTenantAsync(Guid tenantId) => ForgetAsync(TenantKey(tenantId));

    public Task ForgetUserAsync(Guid tenantId, Guid userId) => ForgetAsync(UserKey(tenantId, userId));

    /// <summary>After a sign-out: the session's tokens are refused from the next request on.</summary>
    public Task ForgetSessionAsync(Guid sessionId) => ForgetAsync(SessionKey(sessionId));

    public Task ForgetPlatformAsync() => ForgetAsync(PlatformKey);

    private static T? Parse<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json);

    /// <summary>The entries' JSON in order (null for what does not exist): one MGET, PostgreSQL for the misses.</summary>
    private async Task<string?[]> ReadAsync(Entry[] entries, CancellationToken ct)
    {
        var values = new string?[entries.Length];
        var cached = await TryRedisAsync(cache => cache.StringGetAsync([.. entries.Select(e => e.Key)]));
        var now = clock.GetUtcNow();
        for (var i = 0; i < entries.Length; i++)
        {
            if (cached is not null)
            {
                values[i] = cached[i].HasValue ? cached[i].ToString() : null;
            }
            else if (_local.TryGetValue(entries[i].Key!, out var local) && local.Until > now)
            {
                values[i] = local.Json;
            }
        }

        var loaded = new List<KeyValuePair<RedisKey, RedisValue>>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (values[i] is null && await LoadAsync(entries[i], ct) is { } value)
            {
                values[i] = JsonSerializer.Serialize(value, value.GetType());
                loaded.Add(new(entries[i].Key, values[i]));
            }
        }

        if (loaded.Count > 0)
        {
            if (cached is not null)
            {
                await TryRedisAsync(async cache => await Task.WhenAll(loaded.Select(l => cache.StringSetAsync(l.Key, l.Value, Ttl))));
            }
            else
            {
                RememberLocally(loaded, now);
            }
        }

        return values;
    }

    private async Task<object?> LoadAsync(Entry entry, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (entry.TenantId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<Tenancy.TenantContext>().Use(id);
        }

        var db = scope.ServiceProvider.GetRequiredService<LiyaqaDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var value = await entry.Load(db, ct);
        await transaction.CommitAsync(ct);
        return value;
    }

    private void RememberLocally(List<KeyValuePair<RedisKey, RedisValue>> loaded, DateTimeOffset now)
    {
        if (_local.Count >= LocalCapacity)
        {
            _local.Clear();
        }

        foreach (var (key, value) in loaded)
        {
            _local[key!] = (value!, now + LocalTtl);
        }
    }

    private async Task ForgetAsync(RedisKey key)
    {
        _local.TryRemove(key!, out _);
        if (await TryRedisAsync(async cache => (bool?)await cache.KeyDeleteAsync(key)) is null)
        {
            logger.LogWarning("Session state {Key} could not be dropped from Redis; replicas may use the cached value for up to {Ttl}", key.ToString(), Ttl);
        }
    }

    /// <summary>The Redis call's result, or null when Redis cannot be reached (the caller falls back).</summary>
    private async Task<T?> TryRedisAsync<T>(Func<IDatabase, Task<T>> call)
    {
        if (!redis.IsConnected)
        {
            return default;
        }

        try
        {
            return await call(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Session state read from PostgreSQL: Redis is unavailable");
            return default;
        }
    }
}
