using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;

namespace Liyaqa.Api.Features.Auth;

/// <summary>
/// Queues the emails that carry a set-password link — a reset (valid an hour) or an invitation to a new
/// account (valid a week) — with the link's token, in the caller's unit of work. Arabic when the request
/// asks for it (Accept-Language), English otherwise. Per-club templates will replace these texts.
/// </summary>
public sealed class AccountEmails(LiyaqaDbContext db, IHttpContextAccessor http, IConfiguration configuration, TimeProvider clock)
{
    public const string PasswordResetTemplate = "password-reset";
    public const string InvitationTemplate = "staff-invitation";

    public void QueuePasswordReset(Tenant tenant, User user) =>
        Queue(tenant, user, PasswordResetTemplate, PasswordResetToken.ResetLifetime, (language, link) => language == "ar"
            ? ($"إعادة تعيين كلمة المرور - {tenant.Name}",
               $"مرحباً {user.DisplayName}،\n\nلتعيين كلمة مرور جديدة لحسابك في {tenant.Name} افتح الرابط التالي خلال ساعة:\n{link}\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة.")
            : ($"Reset your {tenant.Name} password",
               $"Hello {user.DisplayName},\n\nTo choose a new password for your {tenant.Name} account, open this link within an hour:\n{link}\n\nIf you did not ask for this, ignore this message."));

    public void QueueInvitation(Tenant tenant, User user) =>
        Queue(tenant, user, InvitationTemplate, PasswordResetToken.InvitationLifetime, (language, link) => language == "ar"
            ? ($"دعوة للانضمام إلى {tenant.Name} على لياقة",
               $"مرحباً {user.DisplayName}،\n\nأُنشئ لك حساب في {tenant.Name}. لاختيار كلمة المرور افتح الرابط التالي خلال سبعة أيام:\n{link}")
            : ($"You are invited to {tenant.Name} on Liyaqa",
               $"Hello {user.DisplayName},\n\nAn account at {tenant.Name} was created for you. To choose your password, open this link within seven days:\n{link}"));

    private void Queue(Tenant tenant, User user, string template, TimeSpan lifetime, Func<string, string, (string Subject, string Body)> render)
    {
        var now = clock.GetUtcNow();
        var (token, secret) = PasswordResetToken.Issue(user, now, lifetime);
        var language = http.HttpContext?.Request.Headers.AcceptLanguage.ToString().StartsWith("ar", StringComparison.OrdinalIgnoreCase) == true ? "ar" : "en";
        var link = $"{configuration["Liyaqa:PublicWebUrl"] ?? "http://localhost:3000"}/reset-password?tenant={Uri.EscapeDataString(tenant.Slug)}&token={secret}";
        var (subject, body) = render(language, link);
        db.PasswordResetTokens.Add(token);
        db.NotificationQueue.Add(Notification.Email(tenant.Id, template, language, user.Email, subject, body, now));
    }
}
