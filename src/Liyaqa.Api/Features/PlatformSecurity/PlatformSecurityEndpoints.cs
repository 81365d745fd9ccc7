using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Platform;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.PlatformSecurity;

public sealed record SigningKeyRotated(string KeyId);

/// <summary>Operators' security levers: sign everyone out, and rotate the token signing key.</summary>
public static class PlatformSecurityEndpoints
{
    public static WebApplication MapPlatformSecurity(this WebApplication app)
    {
        var group = app.MapGroup("/api/platform").WithTags("Platform: security").RequireAuthorization(Policies.PlatformOperator);
        group.MapPost("/sessions/revoke", RevokeAllSessionsAsync)
            .WithSummary("Sign out every user of every club.");
        group.MapPost("/signing-keys/rotate", RotateSigningKeyAsync)
            .WithSummary("Sign new tokens with a new key; tokens signed before stay valid until they expire.");
        return app;
    }

    private static async Task<NoContent> RevokeAllSessionsAsync(LiyaqaDbContext db, SessionStateCache sessions, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = await db.PlatformState.SingleOrDefaultAsync(ct);
        if (state is null)
        {
            db.PlatformState.Add(new PlatformState { SessionsValidAfter = now });
        }
        else
        {
            state.SessionsValidAfter = now;
        }

        await db.SaveChangesAsync(ct);
        await sessions.ForgetPlatformAsync();
        loggers.CreateLogger("Liyaqa.Auth").LogWarning("All sessions of every tenant were revoked by a platform operator at {RevokedAt}", now);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SigningKeyRotated>, ProblemHttpResult>> RotateSigningKeyAsync(SigningKeyRing keys, CancellationToken ct)
    {
        if (keys.IsFixedSecret)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Signing keys come from JWT_SECRET.",
                detail: "Unset JWT_SECRET to let Liyaqa keep and rotate its keys, or change JWT_SECRET and restart.");
        }

        return TypedResults.Ok(new SigningKeyRotated(await keys.RotateAsync(ct)));
    }
}
