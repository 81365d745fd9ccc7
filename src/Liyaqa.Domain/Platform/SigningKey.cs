using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Platform;

/// <summary>A key that signs access tokens (HMAC-SHA256), named by its key id (<c>kid</c>).</summary>
public sealed class SigningKey : IPlatformGlobal
{
    public required string Id { get; init; }

    public required byte[] Secret { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>From this instant the key no longer validates tokens; null while in use.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
