using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Users;

namespace Liyaqa.Domain.Platform;

/// <summary>
/// A person who runs the platform itself: provisions and suspends clubs, revokes sessions, rotates keys.
/// A global account, never a user of any club, signing in at <c>/api/platform/auth/login</c>.
/// </summary>
public sealed class PlatformOperator : Entity, IPlatformGlobal
{
    private PlatformOperator()
    {
    }

    public string Email { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    public string PasswordHash { get; private set; } = string.Empty;

    public bool Enabled { get; private set; } = true;

    /// <summary>Tokens issued before this instant are no longer accepted.</summary>
    public DateTimeOffset SessionsValidAfter { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PlatformOperator Create(string email, string displayName, string passwordHash, DateTimeOffset now)
    {
        var created = new PlatformOperator
        {
            Email = User.NormalizeEmail(email),
            DisplayName = (displayName ?? string.Empty).Trim(),
            PasswordHash = passwordHash,
            CreatedAt = now,
            SessionsValidAfter = now,
        };
        new DomainErrors()
            .Check(created.Email.Length is > 3 and <= User.MaxEmailLength && created.Email.Contains('@', StringComparison.Ordinal), "email", "A valid email address is required.")
            .Check(created.DisplayName.Length is > 0 and <= User.MaxNameLength, "displayName", $"A name of 1-{User.MaxNameLength} characters is required.")
            .ThrowIfAny();
        return created;
    }

    public void RegisterSuccessfulLogin(DateTimeOffset now) => LastLoginAt = now;

    public void RehashPassword(string passwordHash) => PasswordHash = passwordHash;

    /// <summary>Disables the account and ends its sessions.</summary>
    public void Disable(DateTimeOffset now)
    {
        Enabled = false;
        SessionsValidAfter = now;
    }
}
