using Liyaqa.Domain.Common;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public sealed record PasswordResetRequest(string Email);

public sealed record CompletePasswordResetRequest(string Token, string NewPassword);

/// <summary>
/// "Forgot password": the request always answers 202, whether or not the account exists; for a real,
/// enabled account a one-hour single-use link is queued as an email in the same transaction. Completing
/// it sets the password, unlocks the account and ends every session.
/// </summary>
public static class PasswordReset
{
    public const string TemplateKey = "password-reset";

    public static async Task<Results<Accepted, ValidationProblem>> RequestAsync(
        [FromHeader(Name = AuthEndpoints.TenantHeader)] string? tenantSlug,
        PasswordResetRequest request,
        HttpContext http,
        LiyaqaDbContext db,
        TenantContext tenantContext,
        IConfiguration configuration,
        TimeProvider clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(tenantSlug))
        {
            return AuthProblems.TenantHeaderMissing();
        }

        var slug = tenantSlug.Trim().ToLowerInvariant();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, ct);
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
            var now = clock.GetUtcNow();
            var (token, secret) = PasswordResetToken.Issue(user, now);
            var language = http.Request.Headers.AcceptLanguage.ToString().StartsWith("ar", StringComparison.OrdinalIgnoreCase) ? "ar" : "en";
            var link = $"{configuration["Liyaqa:PublicWebUrl"] ?? "http://localhost:3000"}/reset-password?tenant={Uri.EscapeDataString(tenant.Slug)}&token={secret}";
            var (subject, body) = Message(language, tenant.Name, user.DisplayName, link);
            db.PasswordResetTokens.Add(token);
            db.NotificationQueue.Add(Notification.Email(tenant.Id, TemplateKey, language, user.Email, subject, body, now));
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
        if (string.IsNullOrWhiteSpace(tenantSlug))
        {
            return AuthProblems.TenantHeaderMissing();
        }

        var slug = tenantSlug.Trim().ToLowerInvariant();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug && t.Status == Domain.Tenants.TenantStatus.Active, ct);
        if (tenant is null)
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
        await sessions.ForgetUserAsync(user.Id);
        return TypedResults.NoContent();
    }

    private static ValidationProblem InvalidLink() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["The reset link is invalid, used or expired; ask for a new one."] });

    /// <summary>The message in the member's language. (Per-club templates replace this with the notifications feature.)</summary>
    private static (string Subject, string Body) Message(string language, string club, string name, string link) => language == "ar"
        ? ($"إعادة تعيين كلمة المرور - {club}",
           $"مرحباً {name}،\n\nلتعيين كلمة مرور جديدة لحسابك في {club} افتح الرابط التالي خلال ساعة:\n{link}\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة.")
        : ($"Reset your {club} password",
           $"Hello {name},\n\nTo choose a new password for your {club} account, open this link within an hour:\n{link}\n\nIf you did not ask for this, ignore this message.");
}
