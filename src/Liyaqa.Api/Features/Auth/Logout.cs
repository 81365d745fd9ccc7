using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public static class Logout
{
    /// <summary>Revokes every refresh token of the caller's session; the access token lapses within minutes.</summary>
    public static async Task<NoContent> HandleAsync(ClaimsPrincipal principal, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
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
        return TypedResults.NoContent();
    }
}
