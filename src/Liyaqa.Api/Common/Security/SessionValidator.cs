using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Liyaqa.Api.Common.Security;

/// <summary>
/// Runs on every request with a valid token signature: the token's club becomes the request's tenant, and
/// the token is refused when its user is not a user of that club, is disabled, its session was signed out,
/// or its sessions were revoked for the user, the club or the whole platform after it was issued. A
/// suspended club is left to authorization (403). One cache read (one Redis round trip) per request.
/// </summary>
internal sealed class SessionValidator(SessionStateCache sessions, TenantContext tenantContext)
{
    public const string TenantSuspendedItem = "liyaqa.tenant-suspended";

    public async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var ct = context.HttpContext.RequestAborted;
        if (principal.FindFirst(AccessTokens.Claims.Scope)?.Value == AccessTokens.PlatformScope)
        {
            await ValidateOperatorAsync(context);
            return;
        }

        if (!Guid.TryParse(principal.FindFirst(AccessTokens.Claims.Tenant)?.Value, out var tenantId)
            || !Guid.TryParse(principal.FindFirst(AccessTokens.Claims.Subject)?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(AccessTokens.Claims.Session)?.Value, out var sessionId)
            || !long.TryParse(principal.FindFirst(AccessTokens.Claims.IssuedAtMicroseconds)?.Value, out var issuedAt))
        {
            context.Fail("The token lacks Liyaqa's claims.");
            return;
        }

        var (tenant, user, platformValidAfter, sessionEnded) = await sessions.ClubSessionAsync(tenantId, userId, sessionId, ct);
        if (tenant is null || user is null || user.Disabled || sessionEnded
            || issuedAt < AccessTokens.ToMicroseconds(platformValidAfter)
            || issuedAt < AccessTokens.ToMicroseconds(tenant.SessionsValidAfter)
            || issuedAt < AccessTokens.ToMicroseconds(user.SessionsValidAfter))
        {
            context.Fail("The session has ended.");
            return;
        }

        tenantContext.Use(tenantId);
        context.HttpContext.Items[TenantSuspendedItem] = tenant.Suspended;
    }

    /// <summary>An operator's token: the account exists, is enabled, and no revocation came after the token.</summary>
    private async Task ValidateOperatorAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var ct = context.HttpContext.RequestAborted;
        if (!Guid.TryParse(principal.FindFirst(AccessTokens.Claims.Subject)?.Value, out var operatorId)
            || !long.TryParse(principal.FindFirst(AccessTokens.Claims.IssuedAtMicroseconds)?.Value, out var issuedAt))
        {
            context.Fail("The token lacks Liyaqa's claims.");
            return;
        }

        var (state, platformValidAfter) = await sessions.OperatorSessionAsync(operatorId, ct);
        if (state is null || state.Disabled
            || issuedAt < AccessTokens.ToMicroseconds(platformValidAfter)
            || issuedAt < AccessTokens.ToMicroseconds(state.SessionsValidAfter))
        {
            context.Fail("The session has ended.");
        }
    }
}
