using System.Diagnostics.Metrics;
using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// Counters behind the login-failure and rate-limit alerts: <c>liyaqa_auth_login_failures_total{reason}</c>
/// and <c>liyaqa_rate_limit_rejections_total{policy}</c> (the limited endpoint).
/// </summary>
public static class SecurityMetrics
{
    private static readonly Meter Meter = new("Liyaqa.Security");
    private static readonly Counter<long> LoginFailures = Meter.CreateCounter<long>("liyaqa.auth.login_failures", description: "Refused sign-ins and refreshes");
    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>("liyaqa.rate_limit.rejections", description: "Requests refused with 429");

    /// <summary>Every reason and every limited endpoint at zero, so the alerts' increase() sees the first refusal.</summary>
    public static void PublishAtZero()
    {
        LoginFailures.AtZero("reason", "unknown_club", "club_suspended", "unknown_account", "account_locked", "account_disabled", "wrong_password", "refresh_reused", "operator");
        RateLimitRejections.AtZero("policy", "login", "platform-login", "refresh", "password-reset", "password-reset-complete");
    }

    /// <summary>A refused sign-in: unknown_club, club_suspended, unknown_account, account_locked, account_disabled, wrong_password, refresh_reused, operator.</summary>
    public static void LoginFailed(string reason) => LoginFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void RateLimited(string endpoint) => RateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", endpoint));
}
