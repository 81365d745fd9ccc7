using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Infrastructure.Identity;

/// <summary>Token lifetimes and lockout, from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const string Issuer = "liyaqa";
    public const string Audience = "liyaqa-api";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 100)]
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A fixed signing secret (<c>JWT_SECRET</c>) for a simple setup; when set, keys are not rotated in the database.</summary>
    public string? JwtSecret { get; set; }
}
