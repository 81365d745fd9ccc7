using Liyaqa.Infrastructure.RateLimiting;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// Limits a sign-in endpoint per club and client IP, and per account when the request names one; over the
/// limit the answer is a 429 problem with Retry-After, and the log says "Rate limit exceeded".
/// </summary>
internal sealed class SignInRateLimit(string endpoint, Func<EndpointFilterInvocationContext, string?> accountOf) : IEndpointFilter
{
    private static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(15);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<RedisRateLimiter>();
        var limits = http.RequestServices.GetRequiredService<RateLimitOptions>();
        var tenant = http.Request.Headers["X-Tenant-Id"].ToString().Trim().ToLowerInvariant();
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        var decision = await limiter.HitAsync($"{endpoint}:client:{tenant}:{ip}", limits.PerClientPerMinute, ClientWindow);
        if (decision.Allowed && accountOf(context)?.Trim().ToLowerInvariant() is { Length: > 0 } account)
        {
            decision = await limiter.HitAsync($"{endpoint}:account:{tenant}:{account}", limits.PerAccountPerQuarterHour, AccountWindow);
        }

        if (decision.Allowed)
        {
            return await next(context);
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Liyaqa.RateLimiting").LogWarning(
            "Rate limit exceeded on {Endpoint} for tenant {Tenant} from {Ip}", endpoint, tenant, ip);
        SecurityMetrics.RateLimited(endpoint);
        var retryAfter = (int)Math.Ceiling(Math.Max(1, decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts.",
            detail: $"Try again in {retryAfter} seconds.");
    }
}
