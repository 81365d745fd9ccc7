using Liyaqa.Domain.Platform;
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

        /// <summary><c>platform</c> on a platform operator's token, which names no club.</summary>
        public const string Scope = "scope";
    }

    public const string PlatformScope = "platform";

    /// <summary>A token for a club's user: the club, the user's roles, the session.</summary>
    public Task<IssuedAccessToken> IssueAsync(User user, string tenantSlug, Guid sessionId, CancellationToken ct) =>
        CreateAsync(user.Id, user.Email, new Dictionary<string, object>
        {
            [Claims.Tenant] = user.TenantId.ToString(),
            [Claims.TenantSlug] = tenantSlug,
            [Claims.Role] = user.Roles.Select(r => r.ToString()).ToArray(),
            [Claims.Session] = sessionId.ToString(),
        }, ct);

    /// <summary>A token for a platform operator: no club, the operator role.</summary>
    public Task<IssuedAccessToken> IssueForOperatorAsync(PlatformOperator platformOperator, CancellationToken ct) =>
        CreateAsync(platformOperator.Id, platformOperator.Email, new Dictionary<string, object>
        {
            [Claims.Scope] = PlatformScope,
            [Claims.Role] = Roles.PlatformOperator,
        }, ct);

    private async Task<IssuedAccessToken> CreateAsync(Guid subject, string email, Dictionary<string, object> claims, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.AccessTokenLifetime;
        claims[Claims.Subject] = subject.ToString();
        claims[Claims.Email] = email;
        claims[Claims.IssuedAtMicroseconds] = ToMicroseconds(now);
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = await keys.SigningCredentialsAsync(ct),
            Claims = claims,
        };
        return new IssuedAccessToken(new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }

    public static long ToMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
