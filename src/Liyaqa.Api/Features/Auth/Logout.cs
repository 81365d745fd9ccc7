using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public static class Logout
{
    /// <summary>
    /// Ends this session only (the user's other devices stay signed in): its refresh tokens are revoked, and
    /// the access tokens carrying its session id are refused from the next request on, on every replica.
    /// </summary>
    public static async Task<NoContent> HandleAsync(ClaimsPrincipal principal, LiyaqaDbContext db, SessionStateCache sessions, TimeProvider clock, CancellationToken ct)
    {
        var userId = Guid.Parse(principal.FindFirstValue(AccessTokens.Claims.Subject)!);
        var sessionId = Guid.Parse(principal.FindFirstValue(AccessTokens.Claims.Session)!);
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        await foreach (var token in db.RefreshTokens.Where(t => t.FamilyId == sessionId && t.RevokedAt == null).AsAsyncEnumerable().WithCancellation(ct))
        {
            token.Revoke(now);
        }

        user.RecordLogout();
        await db.SaveChangesAsync(ct);
        await sessions.ForgetSessionAsync(sessionId);
        return TypedResults.NoContent();
    }
}
