using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Tenants.Specifications;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Tenants;

public static class GetTenant
{
    public static async Task<Results<Ok<TenantResponse>, NotFound>> HandleAsync(string slug, IReadRepository<Tenant> tenants, CancellationToken ct) =>
        await tenants.SingleOrDefaultAsync(new TenantBySlugSpec(slug), ct) is { } tenant
            ? TypedResults.Ok(tenant.Adapt<TenantResponse>())
            : TypedResults.NotFound();
}
