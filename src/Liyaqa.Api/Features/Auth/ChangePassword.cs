using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public sealed record ChangePasswordRequest([property: MaxLength(PasswordPolicy.MaxLength)] string CurrentPassword, [property: MaxLength(PasswordPolicy.MaxLength)] string NewPassword);

public static class ChangePassword
{
    /// <summary>Needs the current password; the new one must pass the password policy. Every session ends.</summary>
    public static async Task<NoContent> HandleAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, LiyaqaDbContext db, IPasswordHasher hasher,
        SessionStateCache sessions, TimeProvider clock, CancellationToken ct)
    {
        var userId = Guid.Parse(principal.FindFirstValue(AccessTokens.Claims.Subject)!);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        new DomainErrors()
            .Check(hasher.Verify(user.PasswordHash, request.CurrentPassword ?? string.Empty) != PasswordCheck.Wrong, "currentPassword", "The current password is wrong.")
            .ThrowIfAny();
        var problems = PasswordPolicy.Problems(request.NewPassword, user.Email).ToArray();
        if (problems.Length > 0)
        {
            throw new DomainValidationException(new Dictionary<string, string[]> { ["newPassword"] = problems });
        }

        user.ChangePasswordHash(hasher.Hash(request.NewPassword), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await sessions.ForgetUserAsync(user.TenantId, user.Id);
        return TypedResults.NoContent();
    }
}
