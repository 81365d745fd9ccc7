using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

public sealed record MeResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<Role> Roles, MeTenant Tenant);

public sealed record MeTenant(Guid Id, string Slug, string Name, string TimeZone, string Currency, decimal VatRate);

public static class CurrentUser
{
    /// <summary>The session check admits only a user of the token's club; should the account be gone since, a 401.</summary>
    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal principal, LiyaqaDbContext db, CancellationToken ct)
    {
        var userId = Guid.Parse(principal.FindFirstValue(AccessTokens.Claims.Subject)!);
        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Join(db.Tenants.AsNoTracking(), u => u.TenantId, t => t.Id, (user, tenant) => new { user, tenant })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The session has ended; sign in again.");
        }

        var (user, tenant) = (found.user, found.tenant);
        return TypedResults.Ok(new MeResponse(
            user.Id, user.Email, user.DisplayName, user.Roles,
            new MeTenant(tenant.Id, tenant.Slug, tenant.Name, tenant.TimeZone, tenant.Currency, tenant.VatRate)));
    }
}
