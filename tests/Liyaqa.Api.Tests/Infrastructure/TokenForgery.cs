using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>Tokens an attacker holding the signing key could make: a real token's claims, changed, re-signed.</summary>
public static class TokenForgery
{
    /// <summary>The secret of the key that signed <paramref name="real"/>, read from <c>signing_keys</c>.</summary>
    public static async Task<byte[]> SigningSecretOfAsync(this LiyaqaAppFixture app, string real)
    {
        var kid = new JsonWebToken(real).Kid;
        await using var sql = await app.OpenAsOwnerAsync();
        return (await sql.QueryAsync($"SELECT secret FROM signing_keys WHERE id = '{kid}'", r => (byte[])r[0])).Single();
    }

    /// <summary><paramref name="real"/>'s claims with <paramref name="changes"/> applied, signed with <paramref name="key"/> under the real key id.</summary>
    public static string Resign(string real, byte[] key, DateTime expires, IReadOnlyDictionary<string, object>? changes = null)
    {
        var parsed = new JsonWebToken(real);
        var claims = parsed.Claims.Where(c => c.Type is not ("exp" or "nbf" or "iat" or "role")).GroupBy(c => c.Type).ToDictionary(g => g.Key, g => (object)g.First().Value);
        claims["role"] = parsed.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToArray();
        foreach (var (type, value) in changes ?? new Dictionary<string, object>())
        {
            claims[type] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = expires.AddMinutes(-15),
            NotBefore = expires.AddMinutes(-15),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key) { KeyId = parsed.Kid }, SecurityAlgorithms.HmacSha256),
        });
    }
}
