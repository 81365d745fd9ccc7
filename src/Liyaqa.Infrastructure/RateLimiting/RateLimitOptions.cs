using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Infrastructure.RateLimiting;

/// <summary>
/// Rate limits (section <c>RateLimits</c>): the sign-in endpoints per club and client IP and per account,
/// and every API request per club and client IP.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 10_000)]
    public int PerClientPerMinute { get; set; } = 30;

    [Range(1, 1_000)]
    public int PerAccountPerQuarterHour { get; set; } = 10;

    /// <summary>Requests a minute to any <c>/api</c> route per club and client IP; 0 switches the limit off.</summary>
    [Range(0, 10_000_000)]
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Another request limit for some clubs, by slug (<c>RateLimits__ClubRequestsPerMinute__&lt;slug&gt;</c>).</summary>
    public Dictionary<string, int> ClubRequestsPerMinute { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int RequestsPerMinuteFor(string clubSlug) =>
        ClubRequestsPerMinute.TryGetValue(clubSlug, out var limit) ? limit : RequestsPerMinute;
}
