using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Liyaqa.Infrastructure.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Liyaqa.Api.Features.CheckIns;

/// <summary>Settings of the door (section <c>CheckIns</c>).</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIns";

    /// <summary>A visit without check-out counts as inside for this long.</summary>
    public TimeSpan OccupancyWindow { get; set; } = TimeSpan.FromHours(3);

    /// <summary>A second entry within this time is refused as already checked in.</summary>
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the QR code the member app shows stays valid.</summary>
    public TimeSpan PassLifetime { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed record CheckInPass(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// The short-lived entry pass a member's app shows as a QR code: club, member and expiry, signed with
/// a key derived from the current signing key (so rotating keys retires old passes too). It is no access
/// token: its format is not a JWT and its key is not the token key.
/// </summary>
public sealed class CheckInPasses(SigningKeyRing keys, CheckInOptions options, TimeProvider clock)
{
    private const string Prefix = "lq1";

    public async Task<CheckInPass> IssueAsync(Guid tenantId, Guid memberId, CancellationToken ct)
    {
        var key = (SymmetricSecurityKey)(await keys.SigningCredentialsAsync(ct)).Key;
        var expires = clock.GetUtcNow() + options.PassLifetime;
        var payload = new byte[40];
        tenantId.TryWriteBytes(payload.AsSpan(0, 16));
        memberId.TryWriteBytes(payload.AsSpan(16, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(32), expires.ToUnixTimeSeconds());
        var token = $"{Prefix}~{key.KeyId}~{Base64UrlEncoder.Encode(payload)}~{Base64UrlEncoder.Encode(Sign(key, payload))}";
        return new CheckInPass(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>The member of a valid, unexpired pass of <paramref name="tenantId"/>; null for anything else.</summary>
    public Guid? Read(string token, Guid tenantId)
    {
        var parts = token.Split('~');
        if (parts is not [Prefix, var kid, var encodedPayload, var encodedSignature])
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            (payload, signature) = (Base64UrlEncoder.DecodeBytes(encodedPayload), Base64UrlEncoder.DecodeBytes(encodedSignature));
        }
        catch (FormatException)
        {
            return null;
        }

        var valid = payload.Length == 40 && keys.ValidationKeys(kid).OfType<SymmetricSecurityKey>()
            .Any(key => CryptographicOperations.FixedTimeEquals(Sign(key, payload), signature));
        if (!valid
            || new Guid(payload.AsSpan(0, 16)) != tenantId
            || DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(32))) < clock.GetUtcNow())
        {
            return null;
        }

        return new Guid(payload.AsSpan(16, 16));
    }

    private static byte[] Sign(SymmetricSecurityKey key, byte[] payload)
    {
        var passKey = HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes("liyaqa check-in pass"));
        return HMACSHA256.HashData(passKey, payload);
    }
}
