using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Liyaqa.UnitTests;

/// <summary>The simple setup: one signing secret from JWT_SECRET, no keys table, no Redis.</summary>
public sealed class JwtSecretTests
{
    private static SigningKeyRing Ring(string secret) =>
        // A fixed secret never touches the database or Redis, so neither is given.
        new(scopes: null!, redis: null!, new AuthOptions { JwtSecret = secret }, TimeProvider.System, NullLogger<SigningKeyRing>.Instance);

    [Fact]
    public async Task Tokens_signed_with_JWT_SECRET_validate_with_it_and_not_with_another_secret()
    {
        var options = new AuthOptions { JwtSecret = "a-secret-of-at-least-thirty-two-bytes!" };
        var ring = Ring(options.JwtSecret);
        var user = User.Create(Guid.NewGuid(), "coach@club.test", "Coach", "hash", [Role.Trainer], DateTimeOffset.UtcNow);
        var token = await new AccessTokens(ring, options, TimeProvider.System).IssueAsync(user, "club", Guid.NewGuid(), CancellationToken.None);

        var valid = await Validate(token.Token, ring);
        var foreign = await Validate(token.Token, Ring("another-secret-of-thirty-two-bytes!!"));

        Assert.True(valid.IsValid, valid.Exception?.Message);
        Assert.Equal("Trainer", valid.ClaimsIdentity.FindFirst("role")?.Value);
        Assert.False(foreign.IsValid);
        Assert.True(ring.IsFixedSecret);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ring.RotateAsync());
    }

    [Fact]
    public async Task A_JWT_SECRET_shorter_than_32_bytes_is_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ring("too-short").SigningCredentialsAsync());
    }

    private static Task<TokenValidationResult> Validate(string token, SigningKeyRing ring) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = AuthOptions.Issuer,
            ValidAudience = AuthOptions.Audience,
            IssuerSigningKeyResolver = (_, _, kid, _) => ring.ValidationKeys(kid),
        });
}
