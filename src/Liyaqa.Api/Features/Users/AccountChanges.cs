using System.Security.Claims;
using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Users;

/// <summary>Loads an account of the caller's club, applies a change, saves, and drops its cached session state.</summary>
public sealed class AccountChanges(LiyaqaDbContext db, SessionStateCache sessions, TimeProvider clock)
{
    public async Task<Results<Ok<UserResponse>, NotFound>> ApplyAsync(Guid id, ClaimsPrincipal caller, Action<User> change, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var validAfter = user.SessionsValidAfter;
        change(user);
        if (user.SessionsValidAfter != validAfter)
        {
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.UserId == id && t.RevokedAt == null).ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), ct);
        }

        await db.SaveChangesAsync(ct);
        await sessions.ForgetUserAsync(user.TenantId, user.Id);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
