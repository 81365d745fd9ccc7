using System.ComponentModel.DataAnnotations;
using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public sealed record RefreshRequest([property: MaxLength(RefreshRequest.MaxTokenLength)] string RefreshToken)
{
    /// <summary>Longer than any token the API hands out (refresh, password reset).</summary>
    public const int MaxTokenLength = 200;
}

public static class Refresh
{
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [FromHeader(Name = AuthEndpoints.TenantHeader)] string? tenantSlug,
        RefreshRequest request,
        LiyaqaDbContext db,
        TenantContext tenantContext,
        SessionStateCache sessions,
        TokenIssuer issuer,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var slug = tenantSlug!.Trim().ToLowerInvariant();
        var tenant = await TenantFromHeader.FindAsync(db, slug, ct);
        if (tenant is null || string.IsNullOrEmpty(request.RefreshToken))
        {
            return AuthProblems.InvalidRefreshToken();
        }

        if (tenant.IsSuspended)
        {
            return AuthProblems.TenantSuspended();
        }

        tenantContext.Use(tenant.Id);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hash = RefreshToken.HashOf(request.RefreshToken);
        var presented = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (presented is null || presented.IsExpiredAt(now))
        {
            return AuthProblems.InvalidRefreshToken();
        }

        var user = await db.Users.SingleAsync(u => u.Id == presented.UserId, ct);
        var platformValidAfter = await sessions.PlatformSessionsValidAfterAsync(ct);
        var sessionEnded = !user.Enabled
            || presented.CreatedAt < user.SessionsValidAfter
            || presented.CreatedAt < tenant.SessionsValidAfter
            || presented.CreatedAt < platformValidAfter;
        if (presented.IsSpent || sessionEnded)
        {
            if (presented.IsSpent && presented.RevokedAt is null)
            {
                // A token already traded in came back: a copy is in someone else's hands.
                presented.RecordReplay();
                SignInFailures.Log(loggers.CreateLogger("Liyaqa.Auth"), user.Email, slug, $"a spent refresh token was reused; session {presented.FamilyId} revoked");
                SecurityMetrics.LoginFailed("refresh_reused");
            }

            await foreach (var token in db.RefreshTokens.Where(t => t.FamilyId == presented.FamilyId && t.RevokedAt == null).AsAsyncEnumerable().WithCancellation(ct))
            {
                token.Revoke(now);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return AuthProblems.InvalidRefreshToken();
        }

        presented.Consume(now);
        var next = issuer.AddRefreshToken(user, presented.FamilyId, out var secret);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same token was traded in at the same moment by another request; that one wins.
            return AuthProblems.InvalidRefreshToken();
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await issuer.ResponseAsync(user, tenant.Slug, next, secret, ct));
    }
}
