using Liyaqa.Infrastructure.RateLimiting;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// Limits a sign-in endpoint per club and client IP, and per account when the request names one. Only
/// refused attempts count (a wrong password, an invalid token), so signing in as often as one likes is
/// never held back; an endpoint whose every call costs something (a reset email) counts every call. Over
/// the limit the answer is a 429 problem with Retry-After, and the log says "Rate limit exceeded".
/// </summary>
internal sealed class SignInRateLimit(string endpoint, Func<EndpointFilterInvocationContext, string?> accountOf, bool countEveryCall = false) : IEndpointFilter
{
    public const string Login = "login";
    public const string PasswordReset = "password-reset";

    private static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(15);

    /// <summary>The per-account counters of an account (what unlocking it clears).</summary>
    public static IReadOnlyList<string> AccountKeys(string tenantSlug, string email) =>
        [AccountKey(Login, tenantSlug, email), AccountKey(PasswordReset, tenantSlug, email)];

    private static string AccountKey(string endpoint, string tenantSlug, string email) =>
        $"{endpoint}:account:{tenantSlug.Trim().ToLowerInvariant()}:{email.Trim().ToLowerInvariant()}";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<RedisRateLimiter>();
        var options = http.RequestServices.GetRequiredService<RateLimitOptions>();
        var tenant = http.Request.Headers["X-Tenant-Id"].ToString().Trim().ToLowerInvariant();
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        List<RateLimit> limits = [new($"{endpoint}:client:{tenant}:{ip}", options.PerClientPerMinute, ClientWindow)];
        if (accountOf(context) is { } account && !string.IsNullOrWhiteSpace(account))
        {
            limits.Add(new(AccountKey(endpoint, tenant, account), options.PerAccountPerQuarterHour, AccountWindow));
        }

        var decision = await limiter.CheckAsync(limits);
        if (!decision.Allowed)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Liyaqa.RateLimiting").LogWarning(
                "Rate limit exceeded on {Endpoint} for tenant {Tenant} from {Ip}", endpoint, tenant, ip);
            return TooManyRequests.Answer(http, endpoint, decision.RetryAfter, "Too many attempts.");
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await limiter.CountAsync(limits);
            throw;
        }

        if (countEveryCall || StatusOf(result) is not (>= 200 and < 300))
        {
            await limiter.CountAsync(limits);
        }

        return result;
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult answer => answer.StatusCode,
        _ => null,
    };
}

/// <summary>The 429 problem every rate limit answers with: Retry-After in whole seconds, counted in the metrics.</summary>
internal static class TooManyRequests
{
    public static IResult Answer(HttpContext http, string policy, TimeSpan retryAfter, string title)
    {
        SecurityMetrics.RateLimited(policy);
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: title,
            detail: $"Try again in {seconds} seconds.");
    }
}
