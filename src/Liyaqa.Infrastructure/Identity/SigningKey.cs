using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Infrastructure.Identity;

/// <summary>A key that signs access tokens (HMAC-SHA256), named by its key id (<c>kid</c>).</summary>
public sealed class SigningKey : IPlatformGlobal
{
    public required string Id { get; init; }

    public required byte[] Secret { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>From this instant the key no longer validates tokens; null while in use.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>Platform-wide state kept in one row, such as the instant before which no session is valid.</summary>
public sealed class PlatformState : IPlatformGlobal
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public DateTimeOffset SessionsValidAfter { get; set; }
}
