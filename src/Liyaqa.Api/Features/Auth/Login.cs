using System.ComponentModel.DataAnnotations;
using Liyaqa.Api.Common.Auditing;
using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Auditing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public sealed record LoginRequest([property: MaxLength(User.MaxEmailLength)] string Email, [property: MaxLength(PasswordPolicy.MaxLength)] string Password);

public static class Login
{
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [FromHeader(Name = AuthEndpoints.TenantHeader)] string? tenantSlug,
        LoginRequest request,
        LiyaqaDbContext db,
        TenantContext tenantContext,
        IPasswordHasher hasher,
        LockoutPolicy lockout,
        TokenIssuer issuer,
        HttpAuditActorAccessor actor,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var log = loggers.CreateLogger("Liyaqa.Auth");
        var slug = tenantSlug!.Trim().ToLowerInvariant();
        var email = User.NormalizeEmail(request.Email);
        var tenant = await TenantFromHeader.FindAsync(db, slug, ct);
        if (tenant is null)
        {
            hasher.VerifyDecoy(request.Password);
            SignInFailures.Log(log, email, slug, "no such club");
            SecurityMetrics.LoginFailed("unknown_club");
            return AuthProblems.InvalidCredentials();
        }

        if (tenant.IsSuspended)
        {
            SignInFailures.Log(log, email, slug, "club suspended");
            SecurityMetrics.LoginFailed("club_suspended");
            return AuthProblems.TenantSuspended();
        }

        tenantContext.Use(tenant.Id);
        actor.Identify(null, email);

        // Parallel attempts on one account conflict on its row version; the loser re-reads and tries again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var now = clock.GetUtcNow();
                var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
                if (user is null)
                {
                    hasher.VerifyDecoy(request.Password);
                    db.AuditLog.Add(new AuditLogEntry
                    {
                        TenantId = tenant.Id,
                        Email = email,
                        Action = AuditActions.LoginFailed,
                        IpAddress = actor.Current.IpAddress,
                        UserAgent = actor.Current.UserAgent,
                        CreatedAt = now,
                    });
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    SignInFailures.Log(log, email, slug, "no such account");
                    SecurityMetrics.LoginFailed("unknown_account");
                    return AuthProblems.InvalidCredentials();
                }

                actor.Identify(user.Id, user.Email);
                if (!user.Enabled || user.IsLockedAt(now))
                {
                    hasher.VerifyDecoy(request.Password);
                    user.RegisterRefusedLogin(user.Enabled ? "locked" : "disabled");
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    SignInFailures.Log(log, email, slug, user.Enabled ? "account locked" : "account disabled");
                    SecurityMetrics.LoginFailed(user.Enabled ? "account_locked" : "account_disabled");
                    return AuthProblems.InvalidCredentials();
                }

                var check = hasher.Verify(user.PasswordHash, request.Password ?? string.Empty);
                if (check == PasswordCheck.Wrong)
                {
                    var locked = user.RegisterFailedLogin(now, lockout);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    SignInFailures.Log(log, email, slug, $"wrong password ({user.FailedLoginAttempts} in a row{(locked ? ", account locked" : string.Empty)})");
                    SecurityMetrics.LoginFailed("wrong_password");
                    return AuthProblems.InvalidCredentials();
                }

                if (check == PasswordCheck.CorrectNeedsRehash)
                {
                    user.RehashPassword(hasher.Hash(request.Password!));
                }

                user.RegisterSuccessfulLogin(now);
                var refresh = issuer.AddRefreshToken(user, sessionId: null, out var secret);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Ok(await issuer.ResponseAsync(user, tenant.Slug, refresh, secret, ct));
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
