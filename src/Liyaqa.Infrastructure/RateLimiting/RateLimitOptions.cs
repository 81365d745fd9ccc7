using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Infrastructure.RateLimiting;

/// <summary>Limits on the sign-in endpoints (section <c>RateLimits</c>), per club and client IP, and per account.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 10_000)]
    public int PerClientPerMinute { get; set; } = 30;

    [Range(1, 1_000)]
    public int PerAccountPerQuarterHour { get; set; } = 10;
}
