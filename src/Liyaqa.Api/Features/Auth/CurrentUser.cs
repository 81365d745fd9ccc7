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
    public static async Task<Ok<MeResponse>> HandleAsync(ClaimsPrincipal principal, LiyaqaDbContext db, CancellationToken ct)
    {
        var userId = Guid.Parse(principal.FindFirstValue(AccessTokens.Claims.Subject)!);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == user.TenantId, ct);
        return TypedResults.Ok(new MeResponse(
            user.Id, user.Email, user.DisplayName, user.Roles,
            new MeTenant(tenant.Id, tenant.Slug, tenant.Name, tenant.TimeZone, tenant.Currency, tenant.VatRate)));
    }
}
