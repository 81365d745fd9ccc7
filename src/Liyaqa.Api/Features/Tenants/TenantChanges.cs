using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

/// <summary>Changes one club as that club (so its audit lines and token revocations pass row-level security).</summary>
public sealed class TenantChanges(LiyaqaDbContext db, TenantContext tenantContext, SessionStateCache sessions, TimeProvider clock)
{
    /// <summary>Makes the club named <paramref name="slug"/> the request's tenant; its id, or null when there is no such club.</summary>
    public async Task<Guid?> ActAsAsync(string slug, CancellationToken ct)
    {
        var normalized = slug.Trim().ToLowerInvariant();
        var tenantId = await db.Tenants.Where(t => t.Slug == normalized).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
        if (tenantId is not null)
        {
            tenantContext.Use(tenantId.Value);
        }

        return tenantId;
    }

    public async Task<Results<Ok<TenantResponse>, NotFound>> ApplyAsync(string slug, Action<Tenant> change, bool revokeRefreshTokens, CancellationToken ct)
    {
        var tenantId = await ActAsAsync(slug, ct);
        if (tenantId is null)
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId, ct);
        change(tenant);
        await db.SaveChangesAsync(ct);
        if (revokeRefreshTokens)
        {
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), ct);
        }

        await transaction.CommitAsync(ct);
        await sessions.ForgetTenantAsync(tenant.Id);
        return TypedResults.Ok(TenantResponse.From(tenant));
    }
}
