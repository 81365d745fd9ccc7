using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Features.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Users;

public sealed record UnlockAccountRequest([property: MaxLength(User.MaxEmailLength)] string Email);

/// <summary>
/// Lifts an account's lock and clears its sign-in limits together (the per-account counters of sign-in and
/// password reset), so the right password works at once; audited as ACCOUNT_UNLOCKED. Club staff unlock
/// accounts of their own club by id; operators any club's account by the club's slug and the email.
/// </summary>
public static class UnlockAccount
{
    public static async Task<Results<Ok<UserResponse>, NotFound>> ByStaffAsync(
        Guid id, ClaimsPrincipal caller, AccountChanges changes, RedisRateLimiter limiter, ILoggerFactory loggers, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(id, caller, user => user.Unlock(), ct);
        if (result.Result is Ok<UserResponse> { Value: { } user })
        {
            await ClearLimitsAsync(limiter, loggers, caller.FindFirstValue(AccessTokens.Claims.TenantSlug)!, user.Email);
        }

        return result;
    }

    public static async Task<Results<Ok<UserResponse>, NotFound>> ByOperatorAsync(
        string slug, UnlockAccountRequest request, LiyaqaDbContext db, TenantChanges club, RedisRateLimiter limiter, ILoggerFactory loggers, CancellationToken ct)
    {
        if (await club.ActAsAsync(slug, ct) is null)
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var email = User.NormalizeEmail(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        user.Unlock();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await ClearLimitsAsync(limiter, loggers, slug, user.Email);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task ClearLimitsAsync(RedisRateLimiter limiter, ILoggerFactory loggers, string slug, string email)
    {
        if (!await limiter.ResetAsync(SignInRateLimit.AccountKeys(slug, email)))
        {
            loggers.CreateLogger("Liyaqa.RateLimiting").LogWarning(
                "Sign-in limits of {Email} in tenant {Tenant} could not be cleared in Redis; they lapse within 15 minutes", Domain.Common.PersonalData.Mask(email), slug);
        }
    }
}
