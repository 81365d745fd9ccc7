using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Auditing;
using Liyaqa.Infrastructure.Auditing;

namespace Liyaqa.Api.Common.Auditing;

/// <summary>
/// The audit log's actor for an HTTP request: the signed-in user, or — during sign-in — the account being
/// signed in to; with the client's IP address and user agent.
/// </summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    private (Guid? UserId, string? Email)? _identified;

    /// <summary>Names the account a sign-in concerns, before anyone is signed in.</summary>
    public void Identify(Guid? userId, string email) => _identified = (userId, email);

    public AuditActor Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return AuditActor.System;
            }

            var user = context.User;
            var (userId, email) = _identified
                ?? (Guid.TryParse(user.FindFirst(AccessTokens.Claims.Subject)?.Value, out var id) ? id : null,
                    user.FindFirst(AccessTokens.Claims.Email)?.Value ?? user.Identity?.Name);
            var userAgent = context.Request.Headers.UserAgent.ToString();
            return new AuditActor(userId, email, context.Connection.RemoteIpAddress?.ToString(), userAgent[..Math.Min(userAgent.Length, AuditLogEntry.MaxUserAgentLength)]);
        }
    }
}
