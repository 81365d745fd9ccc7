using Liyaqa.Infrastructure.RateLimiting;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// The general limit on every <c>/api</c> route, per club and client IP (the token's club; before sign-in
/// the club named by X-Tenant-Id): <c>RateLimits:RequestsPerMinute</c>, or the club's own figure in
/// <c>RateLimits:ClubRequestsPerMinute</c>. Counted by <see cref="SharedRequestCounters"/>, so the request
/// waits for no Redis call. Over the limit: a 429 problem with Retry-After (the end of the minute).
/// </summary>
internal static class RequestRateLimit
{
    public const string Policy = "requests";
    private const int MaxSlugLength = 64;

    public static IApplicationBuilder UseRequestRateLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var options = context.RequestServices.GetRequiredService<RateLimitOptions>();
        var club = ClubOf(context);
        var limit = options.RequestsPerMinuteFor(club);
        if (limit == 0)
        {
            await next(context);
            return;
        }

        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (count, windowEndsIn) = context.RequestServices.GetRequiredService<SharedRequestCounters>().Hit($"{club}:{ip}");
        if (count <= limit)
        {
            await next(context);
            return;
        }

        if (count == limit + 1)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Liyaqa.RateLimiting").LogWarning(
                "Rate limit exceeded on {Endpoint} for tenant {Tenant} from {Ip}", Policy, club, ip);
        }

        await TooManyRequests.Answer(context, Policy, windowEndsIn, "Too many requests.").ExecuteAsync(context);
    });

    private static string ClubOf(HttpContext context)
    {
        var slug = context.User.FindFirst(AccessTokens.Claims.TenantSlug)?.Value
            ?? context.Request.Headers["X-Tenant-Id"].ToString();
        slug = slug.Trim().ToLowerInvariant();
        return slug.Length == 0 ? "-" : slug[..Math.Min(slug.Length, MaxSlugLength)];
    }
}
