using Liyaqa.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Liyaqa.Infrastructure.Identity;

/// <summary>
/// PBKDF2 (ASP.NET Core Identity's format, HMAC-SHA512) for new hashes; bcrypt hashes (<c>$2a$…</c>, as the
/// previous platform and the runbook's reset SQL write them) verify too and are upgraded on next sign-in.
/// </summary>
internal sealed class PasswordHasher : IPasswordHasher
{
    private static readonly PasswordHasher<object> Pbkdf2 = new();
    private static readonly object NoUser = new();

    private static readonly Lazy<string> Decoy = new(() => Pbkdf2.HashPassword(NoUser, Guid.NewGuid().ToString()));

    public string Hash(string password) => Pbkdf2.HashPassword(NoUser, password);

    public PasswordCheck VerifyDecoy(string? password)
    {
        Verify(Decoy.Value, password ?? string.Empty);
        return PasswordCheck.Wrong;
    }

    public PasswordCheck Verify(string hash, string password)
    {
        if (IsBcrypt(hash))
        {
            return BCrypt.Net.BCrypt.Verify(password, hash) ? PasswordCheck.CorrectNeedsRehash : PasswordCheck.Wrong;
        }

        try
        {
            return Pbkdf2.VerifyHashedPassword(NoUser, hash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Correct,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.CorrectNeedsRehash,
                _ => PasswordCheck.Wrong,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Wrong;
        }
    }

    private static bool IsBcrypt(string hash) =>
        hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal) || hash.StartsWith("$2y$", StringComparison.Ordinal);
}
