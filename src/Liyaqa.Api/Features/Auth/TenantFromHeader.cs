using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Auth;

/// <summary>Before sign-in, the club a request is for comes from the X-Tenant-Id header (its slug).</summary>
internal static class TenantFromHeader
{
    /// <summary>
    /// The sign-in endpoints' filter: without the header the answer is a 400 naming it, so handlers
    /// behind it always have a slug.
    /// </summary>
    public static ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        string.IsNullOrWhiteSpace(context.HttpContext.Request.Headers[AuthEndpoints.TenantHeader])
            ? ValueTask.FromResult<object?>(AuthProblems.TenantHeaderMissing())
            : next(context);

    /// <summary>The club named by <paramref name="tenantSlug"/>, or null when there is none by that slug.</summary>
    public static Task<Tenant?> FindAsync(LiyaqaDbContext db, string tenantSlug, CancellationToken ct)
    {
        var slug = tenantSlug.Trim().ToLowerInvariant();
        return db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, ct);
    }
}
