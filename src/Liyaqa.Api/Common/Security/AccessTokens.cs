using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Liyaqa.Api.Common.Security;

public sealed record IssuedAccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Issues the short-lived access tokens (JWT, HMAC-SHA256, signed with the ring's current key).</summary>
public sealed class AccessTokens(SigningKeyRing keys, AuthOptions options, TimeProvider clock)
{
    /// <summary>The claims Liyaqa's access tokens carry.</summary>
    public static class Claims
    {
        public const string Subject = "sub";
        public const string Tenant = "tid";
        public const string TenantSlug = "tenant";
        public const string Email = "email";
        public const string Role = "role";
        public const string Session = "sid";

        /// <summary>Issue time in microseconds since the Unix epoch, compared with revocation instants.</summary>
        public const string IssuedAtMicroseconds = "iat_us";
    }

    public async Task<IssuedAccessToken> IssueAsync(User user, string tenantSlug, Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.AccessTokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = await keys.SigningCredentialsAsync(ct),
            Claims = new Dictionary<string, object>
            {
                [Claims.Subject] = user.Id.ToString(),
                [Claims.Tenant] = user.TenantId.ToString(),
                [Claims.TenantSlug] = tenantSlug,
                [Claims.Email] = user.Email,
                [Claims.Role] = user.Roles.Select(r => r.ToString()).ToArray(),
                [Claims.Session] = sessionId.ToString(),
                [Claims.IssuedAtMicroseconds] = ToMicroseconds(now),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return new IssuedAccessToken(new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }

    public static long ToMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
