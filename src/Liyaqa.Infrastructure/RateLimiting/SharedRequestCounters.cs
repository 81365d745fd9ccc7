using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.RateLimiting;

/// <summary>
/// Request counts per key in fixed one-minute windows, shared by all replicas without a Redis call on the
/// request's path: each instance counts in memory and, twice a second, adds what it counted to the
/// window's counter in Redis and learns the total of every replica (one pipelined batch for all keys it
/// met in this window).
/// A key's count is the last total learnt plus what this instance counted since, so it lags the true count
/// by at most one sync and never exceeds it. While Redis is unreachable the counts stay local (each replica
/// limits on its own) and are added to Redis once it is back.
/// </summary>
public sealed class SharedRequestCounters(IConnectionMultiplexer redis, TimeProvider clock, ILogger<SharedRequestCounters> logger) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SyncEvery = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, Counter> _counters = new();

    private sealed class Counter
    {
        public long Window;
        public long Shared;
        public long Unsynced;
    }

    private static long WindowAt(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds;

    /// <summary>Counts a request against <paramref name="key"/>: its count in this window, and the time until the window ends.</summary>
    public (long Count, TimeSpan WindowEndsIn) Hit(string key)
    {
        var now = clock.GetUtcNow();
        var window = WindowAt(now);
        var counter = _counters.GetOrAdd(key, _ => new Counter { Window = window });
        long count;
        lock (counter)
        {
            if (counter.Window != window)
            {
                (counter.Window, counter.Shared, counter.Unsynced) = (window, 0, 0);
            }

            count = counter.Shared + ++counter.Unsynced;
        }

        return (count, DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * (long)Window.TotalMilliseconds) - now);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SyncEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SyncAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Request counts stay local: Redis is unavailable");
            }
        }
    }

    private async Task SyncAsync()
    {
        var window = WindowAt(clock.GetUtcNow());
        var pending = new List<(Counter Counter, long Window, long Delta, string Key)>();
        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.Window < window)
                {
                    _counters.TryRemove(new KeyValuePair<string, Counter>(key, counter));
                }
                else
                {
                    // Also for a key this instance has not counted since: the other replicas may have.
                    pending.Add((counter, counter.Window, counter.Unsynced, key));
                }
            }
        }

        if (pending.Count == 0 || !redis.IsConnected)
        {
            return;
        }

        var batch = redis.GetDatabase().CreateBatch();
        var expiries = new List<Task>();
        var totals = pending.Select(p =>
        {
            RedisKey redisKey = $"liyaqa:rate:requests:{p.Key}:{p.Window}";
            var total = batch.StringIncrementAsync(redisKey, p.Delta);
            expiries.Add(batch.KeyExpireAsync(redisKey, Window * 2));
            return total;
        }).ToList();
        batch.Execute();
        for (var i = 0; i < pending.Count; i++)
        {
            var (counter, counted, delta, _) = pending[i];
            var total = await totals[i];
            lock (counter)
            {
                if (counter.Window == counted)
                {
                    counter.Unsynced -= delta;
                    counter.Shared = Math.Max(counter.Shared, total);
                }
            }
        }

        await Task.WhenAll(expiries);
    }
}
