using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public sealed record PasswordResetRequest([property: MaxLength(User.MaxEmailLength)] string Email);

public sealed record CompletePasswordResetRequest([property: MaxLength(RefreshRequest.MaxTokenLength)] string Token, [property: MaxLength(PasswordPolicy.MaxLength)] string NewPassword);

/// <summary>
/// "Forgot password": the request always answers 202, whether or not the account exists; for a real,
/// enabled account a one-hour single-use link is queued as an email in the same transaction. Completing
/// it sets the password, unlocks the account and ends every session.
/// </summary>
public static class PasswordReset
{
    public static async Task<Results<Accepted, ValidationProblem>> RequestAsync(
        [FromHeader(Name = AuthEndpoints.TenantHeader)] string? tenantSlug,
        PasswordResetRequest request,
        LiyaqaDbContext db,
        TenantContext tenantContext,
        AccountEmails emails,
        CancellationToken ct)
    {
        var tenant = await TenantFromHeader.FindAsync(db, tenantSlug!, ct);
        if (tenant is null || tenant.IsSuspended)
        {
            return TypedResults.Accepted((string?)null);
        }

        tenantContext.Use(tenant.Id);
        var email = User.NormalizeEmail(request.Email);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, ct);
        if (user is { Enabled: true })
        {
            await emails.QueuePasswordResetAsync(tenant, user, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> CompleteAsync(
        [FromHeader(Name = AuthEndpoints.TenantHeader)] string? tenantSlug,
        CompletePasswordResetRequest request,
        LiyaqaDbContext db,
        TenantContext tenantContext,
        IPasswordHasher hasher,
        SessionStateCache sessions,
        TimeProvider clock,
        CancellationToken ct)
    {
        var tenant = await TenantFromHeader.FindAsync(db, tenantSlug!, ct);
        if (tenant is null || tenant.IsSuspended)
        {
            return InvalidLink();
        }

        tenantContext.Use(tenant.Id);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hash = RefreshToken.HashOf(request.Token ?? string.Empty);
        var token = await db.PasswordResetTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || !token.IsUsableAt(now))
        {
            return InvalidLink();
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, ct);
        var problems = PasswordPolicy.Problems(request.NewPassword, user.Email).ToArray();
        if (problems.Length > 0)
        {
            throw new DomainValidationException(new Dictionary<string, string[]> { ["newPassword"] = problems });
        }

        user.ResetPassword(hasher.Hash(request.NewPassword), now);
        await foreach (var outstanding in db.PasswordResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).AsAsyncEnumerable().WithCancellation(ct))
        {
            outstanding.Use(now);
        }

        await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link was used at the same moment by another request.
            return InvalidLink();
        }

        await transaction.CommitAsync(ct);
        await sessions.ForgetUserAsync(user.TenantId, user.Id);
        return TypedResults.NoContent();
    }

    private static ValidationProblem InvalidLink() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["The reset link is invalid, used or expired; ask for a new one."] });
}
