using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;

namespace Liyaqa.Api.Features.Auth;

/// <summary>Adds the next refresh token of a session and issues the matching access token.</summary>
public sealed class TokenIssuer(LiyaqaDbContext db, AccessTokens accessTokens, AuthOptions options, TimeProvider clock)
{
    /// <summary>Call before saving: the refresh token is added to the unit of work.</summary>
    public RefreshToken AddRefreshToken(User user, Guid? sessionId, out string secret)
    {
        (var token, secret) = RefreshToken.Issue(user, sessionId, clock.GetUtcNow(), options.RefreshTokenLifetime);
        db.RefreshTokens.Add(token);
        return token;
    }

    public async Task<TokenResponse> ResponseAsync(User user, string tenantSlug, RefreshToken refresh, string refreshSecret, CancellationToken ct)
    {
        var access = await accessTokens.IssueAsync(user, tenantSlug, refresh.FamilyId, ct);
        return new TokenResponse(
            access.Token, "Bearer", (int)options.AccessTokenLifetime.TotalSeconds, access.ExpiresAt, refreshSecret, refresh.ExpiresAt);
    }
}
