using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.RateLimiting;

public sealed record RateLimitDecision(bool Allowed, int Count, TimeSpan RetryAfter);

/// <summary>A counter: its name, how many counts its window allows, and the window.</summary>
public sealed record RateLimit(string Key, int Limit, TimeSpan Window);

/// <summary>
/// Fixed-window counters in Redis, so every API replica counts against the same limit; atomic scripts
/// increment a window's counter and start its expiry on the first count. The sign-in limits keep working
/// while Redis is unreachable: they are then counted in this instance's memory (each replica limits on
/// its own, so never open). The mail rate (<see cref="HitAsync"/>) has no such fallback: it must be shared.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const int LocalCapacity = 100_000;

    private static readonly LuaScript Hit = LuaScript.Prepare(
        """
        local n = redis.call('INCR', @key)
        if n == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        return { n, redis.call('PTTL', @key) }
        """);

    private const string PeekScript =
        """
        local r = {}
        for _, key in ipairs(KEYS) do
          r[#r + 1] = tonumber(redis.call('GET', key) or '0')
          r[#r + 1] = redis.call('PTTL', key)
        end
        return r
        """;

    private const string CountScript =
        """
        for i, key in ipairs(KEYS) do
          if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
        end
        return 0
        """;

    private readonly ConcurrentDictionary<string, (int Count, DateTimeOffset Until)> _local = new();

    private static RedisKey KeyOf(string key) => $"liyaqa:rate:{key}";

    /// <summary>Counts one hit in Redis and says whether it is within the limit; throws when Redis is unreachable.</summary>
    public async Task<RateLimitDecision> HitAsync(string key, int limit, TimeSpan window)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Hit, new { key = KeyOf(key), windowMs = (long)window.TotalMilliseconds }))!;
        var count = (int)result[0];
        var ttl = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        return new RateLimitDecision(count <= limit, count, ttl);
    }

    /// <summary>Whether another count is allowed by every limit, without counting (one round trip).</summary>
    public async Task<RateLimitDecision> CheckAsync(IReadOnlyList<RateLimit> limits)
    {
        var counts = new (int Count, TimeSpan Ttl)[limits.Count];
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(PeekScript, [.. limits.Select(l => KeyOf(l.Key))]))!;
            for (var i = 0; i < limits.Count; i++)
            {
                counts[i] = ((int)result[2 * i], TimeSpan.FromMilliseconds(Math.Max(0, (long)result[(2 * i) + 1])));
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            var now = clock.GetUtcNow();
            for (var i = 0; i < limits.Count; i++)
            {
                counts[i] = _local.TryGetValue(limits[i].Key, out var local) && local.Until > now ? (local.Count, local.Until - now) : (0, TimeSpan.Zero);
            }
        }

        for (var i = 0; i < limits.Count; i++)
        {
            if (counts[i].Count >= limits[i].Limit)
            {
                return new RateLimitDecision(false, counts[i].Count, counts[i].Ttl);
            }
        }

        return new RateLimitDecision(true, counts.Length == 0 ? 0 : counts.Max(c => c.Count), TimeSpan.Zero);
    }

    /// <summary>Counts one against each limit (one round trip).</summary>
    public async Task CountAsync(IReadOnlyList<RateLimit> limits)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(
                CountScript, [.. limits.Select(l => KeyOf(l.Key))], [.. limits.Select(l => (RedisValue)(long)l.Window.TotalMilliseconds)]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            var now = clock.GetUtcNow();
            if (_local.Count >= LocalCapacity)
            {
                _local.Clear();
            }

            foreach (var limit in limits)
            {
                _local.AddOrUpdate(limit.Key, _ => (1, now + limit.Window), (_, c) => c.Until > now ? (c.Count + 1, c.Until) : (1, now + limit.Window));
            }
        }
    }

    /// <summary>Clears counters (an operator unlocking an account); false when Redis could not be reached.</summary>
    public async Task<bool> ResetAsync(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            _local.TryRemove(key, out _);
        }

        try
        {
            await redis.GetDatabase().KeyDeleteAsync([.. keys.Select(KeyOf)]);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
