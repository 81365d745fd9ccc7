using System.Security.Cryptography;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Users;

/// <summary>
/// A single-use permission to set a password: a reset link (valid an hour) or an invitation to a new
/// account (valid a week). Only its hash is stored.
/// </summary>
public sealed class PasswordResetToken : Entity, ITenantOwned
{
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private PasswordResetToken()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid UserId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (PasswordResetToken Token, string Secret) Issue(User user, DateTimeOffset now, TimeSpan lifetime)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new PasswordResetToken
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            TokenHash = RefreshToken.HashOf(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        }, secret);
    }

    public bool IsUsableAt(DateTimeOffset now) => UsedAt is null && ExpiresAt > now;

    public void Use(DateTimeOffset now) => UsedAt = now;
}
