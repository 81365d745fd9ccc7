using System.Security.Cryptography;
using System.Text;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Users;

/// <summary>
/// One refresh token of a sign-in session. Only its SHA-256 hash is stored. Each use spends it and issues
/// the next of the same family; presenting a spent token again means it leaked, so the whole family dies.
/// </summary>
public sealed class RefreshToken : Entity, ITenantOwned
{
    private RefreshToken()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The sign-in session: every token rotated from the same login shares it.</summary>
    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ConsumedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>A new token for <paramref name="user"/>; the secret is returned once and never stored.</summary>
    public static (RefreshToken Token, string Secret) Issue(User user, Guid? familyId, DateTimeOffset now, TimeSpan lifetime)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new RefreshToken
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            FamilyId = familyId ?? Guid.CreateVersion7(),
            TokenHash = HashOf(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? string.Empty)));

    /// <summary>Already used or revoked: presenting it again is a replay.</summary>
    public bool IsSpent => ConsumedAt is not null || RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;

    public void Consume(DateTimeOffset now) => ConsumedAt = now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>A spent token came back: someone holds a copy. Recorded; the caller revokes the family.</summary>
    public void RecordReplay() => Audit(AuditActions.RefreshTokenReused, new { FamilyId });
}
