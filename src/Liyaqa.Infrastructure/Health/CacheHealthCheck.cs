using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Health;

/// <summary>Redis answers PING on the application's multiplexer.</summary>
internal sealed class CacheHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy("Redis answers.", new Dictionary<string, object> { ["pingMs"] = Math.Round(latency.TotalMilliseconds, 2) });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer.", ex);
        }
    }
}
