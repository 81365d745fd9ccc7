using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;

namespace Liyaqa.Api.Features.Auth;

/// <summary>
/// Queues the emails that carry a set-password link — a reset (valid an hour) or an invitation to a new
/// account (valid a week) — with the link's token, in the caller's unit of work. Arabic when the request
/// asks for it (Accept-Language), English otherwise; in the club's wording of the message.
/// </summary>
public sealed class AccountEmails(LiyaqaDbContext db, Outbox outbox, IHttpContextAccessor http, IConfiguration configuration, TimeProvider clock)
{
    public Task QueuePasswordResetAsync(Tenant tenant, User user, CancellationToken ct) =>
        QueueAsync(tenant, user, MessageTemplates.PasswordReset, PasswordResetToken.ResetLifetime, ct);

    public Task QueueInvitationAsync(Tenant tenant, User user, CancellationToken ct) =>
        QueueAsync(tenant, user, MessageTemplates.StaffInvitation, PasswordResetToken.InvitationLifetime, ct);

    private async Task QueueAsync(Tenant tenant, User user, string template, TimeSpan lifetime, CancellationToken ct)
    {
        var (token, secret) = PasswordResetToken.Issue(user, clock.GetUtcNow(), lifetime);
        var link = $"{configuration["Liyaqa:PublicWebUrl"] ?? "http://localhost:3000"}/reset-password?tenant={Uri.EscapeDataString(tenant.Slug)}&token={secret}";
        db.PasswordResetTokens.Add(token);
        var language = Languages.From(http.HttpContext?.Request.Headers.AcceptLanguage.ToString());
        await outbox.QueueEmailAsync(tenant, template, language, user.Email, new Dictionary<string, object?> { ["name"] = user.DisplayName, ["link"] = link }, ct);
    }
}
