using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;

namespace Liyaqa.UnitTests;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = new(3, TimeSpan.FromMinutes(10));

    private static User NewUser(params Role[] roles) =>
        User.Create(Guid.NewGuid(), "  Coach@Club.Test ", "Coach", "hash", roles.Length == 0 ? [Role.Trainer] : roles, Now);

    [Fact]
    public void Emails_are_kept_trimmed_and_lower_case()
    {
        Assert.Equal("coach@club.test", NewUser().Email);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("")]
    public void An_account_needs_a_real_email(string email)
    {
        var error = Assert.Throws<DomainValidationException>(() => User.Create(Guid.NewGuid(), email, "X", "hash", [Role.Member], Now));

        Assert.Contains("email", error.Errors.Keys);
    }

    [Fact]
    public void The_limit_of_wrong_passwords_locks_the_account_for_the_policys_time()
    {
        var user = NewUser();

        Assert.False(user.RegisterFailedLogin(Now, Policy));
        Assert.False(user.RegisterFailedLogin(Now, Policy));
        Assert.True(user.RegisterFailedLogin(Now, Policy));

        Assert.True(user.IsLockedAt(Now.AddMinutes(9)));
        Assert.False(user.IsLockedAt(Now.AddMinutes(10)));
        Assert.Contains(user.AuditEvents, e => e.Action == AuditActions.AccountLocked);
    }

    [Fact]
    public void After_a_lock_expires_the_count_starts_again()
    {
        var user = NewUser();
        for (var i = 0; i < 3; i++)
        {
            user.RegisterFailedLogin(Now, Policy);
        }

        var later = Now.AddMinutes(11);
        Assert.False(user.RegisterFailedLogin(later, Policy));
        Assert.Equal(1, user.FailedLoginAttempts);
        Assert.False(user.IsLockedAt(later));
    }

    [Fact]
    public void A_successful_sign_in_clears_failures_and_lock()
    {
        var user = NewUser();
        user.RegisterFailedLogin(Now, Policy);

        user.RegisterSuccessfulLogin(Now);

        Assert.Equal((0, false, Now), (user.FailedLoginAttempts, user.Locked, user.LastLoginAt!.Value));
    }

    [Fact]
    public void A_reset_unlocks_and_ends_sessions_and_new_roles_end_sessions_too()
    {
        var user = NewUser();
        for (var i = 0; i < 3; i++)
        {
            user.RegisterFailedLogin(Now, Policy);
        }

        user.ResetPassword("new-hash", Now.AddMinutes(1));
        Assert.False(user.IsLockedAt(Now.AddMinutes(1)));
        Assert.Equal(Now.AddMinutes(1), user.SessionsValidAfter);

        user.ChangeRoles([Role.Manager, Role.Manager], Now.AddMinutes(2));
        Assert.Equal([Role.Manager], user.Roles);
        Assert.Equal(Now.AddMinutes(2), user.SessionsValidAfter);
        Assert.Throws<DomainValidationException>(() => user.ChangeRoles([], Now));
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("password123", false)]
    [InlineData("QWERTYUIOP", false)]
    [InlineData("coach-is-strong-1", false)]
    [InlineData("Fitness-Riyadh-2026", true)]
    public void Passwords_need_ten_characters_and_must_not_be_common_or_the_email(string password, bool acceptable)
    {
        Assert.Equal(acceptable, !PasswordPolicy.Problems(password, "coach@club.test").Any());
    }

    [Fact]
    public void A_refresh_token_is_spent_once_consumed_or_revoked_and_expires()
    {
        var (token, secret) = RefreshToken.Issue(NewUser(), null, Now, TimeSpan.FromDays(30));

        Assert.Equal(RefreshToken.HashOf(secret), token.TokenHash);
        Assert.NotEqual(secret, token.TokenHash);
        Assert.False(token.IsSpent);
        Assert.True(token.IsExpiredAt(Now.AddDays(30)));
        token.Consume(Now);
        Assert.True(token.IsSpent);
    }
}
