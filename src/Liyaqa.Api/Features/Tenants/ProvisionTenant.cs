using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Tenants.Specifications;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Tenants;

public sealed record ProvisionTenantRequest(string Slug, string Name, string? TimeZone, string? Currency, decimal? VatRate);

public static class ProvisionTenant
{
    /// <summary>Creates the club and its main branch in one transaction; a taken slug is a 409.</summary>
    public static async Task<Created<TenantResponse>> HandleAsync(
        ProvisionTenantRequest request, LiyaqaDbContext db, IReadRepository<Tenant> tenants, TenantContext tenantContext, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenant = Tenant.Provision(request.Slug, request.Name, request.TimeZone, request.Currency, request.VatRate, now);
        if (await tenants.AnyAsync(new TenantBySlugSpec(tenant.Slug), ct))
        {
            throw new DomainConflictException($"The slug '{tenant.Slug}' is already taken.");
        }

        // The new club's own rows are written as that club, so row-level security admits them.
        tenantContext.Use(tenant.Id);
        db.Tenants.Add(tenant);
        db.Branches.Add(Branch.MainOf(tenant, now));
        await db.SaveChangesAsync(ct);

        return TypedResults.Created($"{TenantEndpoints.Route}/{tenant.Slug}", tenant.Adapt<TenantResponse>());
    }
}
