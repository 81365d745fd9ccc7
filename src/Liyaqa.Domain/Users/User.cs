using System.Net.Mail;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Users;

/// <summary>
/// A person who signs in to one club: staff in their roles, or a member of the club's portal. Emails are
/// unique per club and compared without case. Failed sign-ins lock the account for a while.
/// </summary>
public sealed class User : Entity, ITenantOwned
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 200;

    private User()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>Lower-cased, trimmed email; the sign-in name.</summary>
    public string Email { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    public string PasswordHash { get; private set; } = string.Empty;

    public IReadOnlyList<Role> Roles { get; private set; } = [];

    /// <summary>False once staff disable the account (<c>users.enabled</c>, as the runbook reads it).</summary>
    public bool Enabled { get; private set; } = true;

    public int FailedLoginAttempts { get; private set; }

    /// <summary>True while locked; operators may clear it (the runbook's unlock SQL sets it false).</summary>
    public bool Locked { get; private set; }

    /// <summary>When a lock ends by itself; null for a lock only an operator lifts.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>Sessions (tokens) issued before this instant are no longer accepted.</summary>
    public DateTimeOffset SessionsValidAfter { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static User Create(Guid tenantId, string email, string displayName, string passwordHash, IEnumerable<Role> roles, DateTimeOffset now)
    {
        var user = new User
        {
            TenantId = tenantId,
            Email = NormalizeEmail(email),
            DisplayName = (displayName ?? string.Empty).Trim(),
            PasswordHash = passwordHash,
            Roles = roles.Distinct().Order().ToList(),
            CreatedAt = now,
            SessionsValidAfter = now,
        };
        new DomainErrors()
            .Check(IsValidEmail(user.Email), "email", "A valid email address is required.")
            .Check(user.DisplayName.Length is > 0 and <= MaxNameLength, "displayName", $"A name of 1-{MaxNameLength} characters is required.")
            .Check(user.Roles.Count > 0, "roles", "At least one role is required.")
            .ThrowIfAny();
        user.Audit(AuditActions.UserCreated, new { user.Email, roles = user.Roles.Select(r => r.ToString()) });
        return user;
    }

    public static string NormalizeEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public bool HasRole(Role role) => Roles.Contains(role);

    /// <summary>May be assigned to teach classes: an enabled account with the Trainer role.</summary>
    public bool CanTeach => Enabled && HasRole(Role.Trainer);

    public bool IsLockedAt(DateTimeOffset now) => Locked && (LockedUntil is null || LockedUntil > now);

    /// <summary>A wrong password: counts it, and locks the account once <paramref name="policy"/>'s limit is reached.</summary>
    /// <returns>True when this failure locked the account.</returns>
    public bool RegisterFailedLogin(DateTimeOffset now, LockoutPolicy policy)
    {
        if (Locked && LockedUntil <= now)
        {
            // An expired lock starts a fresh count.
            Locked = false;
            FailedLoginAttempts = 0;
        }

        FailedLoginAttempts++;
        Audit(AuditActions.LoginFailed, new { FailedLoginAttempts });
        if (!Locked && FailedLoginAttempts >= policy.MaxFailedAttempts)
        {
            Locked = true;
            LockedUntil = now + policy.LockoutDuration;
            Audit(AuditActions.AccountLocked, new { LockedUntil });
            return true;
        }

        return false;
    }

    public void RegisterSuccessfulLogin(DateTimeOffset now)
    {
        FailedLoginAttempts = 0;
        Locked = false;
        LockedUntil = null;
        LastLoginAt = now;
        Audit(AuditActions.LoginSuccess);
    }

    /// <summary>Staff or an operator lift a lock at once; the count of wrong passwords starts again.</summary>
    public void Unlock()
    {
        Audit(AuditActions.AccountUnlocked, new { wasLocked = Locked, FailedLoginAttempts });
        FailedLoginAttempts = 0;
        Locked = false;
        LockedUntil = null;
    }

    /// <summary>A sign-in refused before the password was checked (account locked or disabled).</summary>
    public void RegisterRefusedLogin(string reason) => Audit(AuditActions.LoginFailed, new { reason });

    /// <summary>Signed out of one session (its refresh tokens are revoked by the caller).</summary>
    public void RecordLogout() => Audit(AuditActions.Logout);

    /// <summary>Signs the user out everywhere: every token issued until now stops working.</summary>
    public void RevokeSessions(DateTimeOffset now)
    {
        SessionsValidAfter = now;
        Audit(AuditActions.SessionsRevoked);
    }

    public void ChangePasswordHash(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        SessionsValidAfter = now;
        Audit(AuditActions.PasswordChanged);
    }

    /// <summary>A new password through a reset link: unlocks the account and ends every session.</summary>
    public void ResetPassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        FailedLoginAttempts = 0;
        Locked = false;
        LockedUntil = null;
        SessionsValidAfter = now;
        Audit(AuditActions.PasswordReset);
    }

    /// <summary>Upgrades the stored hash (e.g. from bcrypt) without signing anyone out.</summary>
    public void RehashPassword(string passwordHash) => PasswordHash = passwordHash;

    public void Disable(DateTimeOffset now)
    {
        Enabled = false;
        SessionsValidAfter = now;
        Audit(AuditActions.UserDisabled);
    }

    public void Enable()
    {
        Enabled = true;
        Audit(AuditActions.UserEnabled);
    }

    public void ChangeRoles(IEnumerable<Role> roles, DateTimeOffset now)
    {
        var changed = roles.Distinct().Order().ToList();
        new DomainErrors().Check(changed.Count > 0, "roles", "At least one role is required.").ThrowIfAny();
        Audit(AuditActions.RoleChanged, new { from = Roles.Select(r => r.ToString()), to = changed.Select(r => r.ToString()) });
        Roles = changed;
        SessionsValidAfter = now;
    }

    private static bool IsValidEmail(string email) =>
        email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);
}
