using StackExchange.Redis;

namespace Liyaqa.Infrastructure.RateLimiting;

public sealed record RateLimitDecision(bool Allowed, int Count, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters in Redis, so every API replica counts against the same limit. One atomic script
/// increments the window's counter and starts its expiry on the first hit.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis)
{
    private static readonly LuaScript Hit = LuaScript.Prepare(
        """
        local n = redis.call('INCR', @key)
        if n == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        return { n, redis.call('PTTL', @key) }
        """);

    public async Task<RateLimitDecision> HitAsync(string key, int limit, TimeSpan window)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Hit, new { key = (RedisKey)$"liyaqa:rate:{key}", windowMs = (long)window.TotalMilliseconds }))!;
        var count = (int)result[0];
        var ttl = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        return new RateLimitDecision(count <= limit, count, ttl);
    }
}
