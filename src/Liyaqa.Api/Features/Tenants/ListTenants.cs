using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Tenants.Specifications;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Tenants;

public sealed record TenantPage(IReadOnlyList<TenantResponse> Items, int Page, int PageSize, int Total);

public static class ListTenants
{
    public const int MaxPageSize = 100;

    public static async Task<Ok<TenantPage>> HandleAsync(IReadRepository<Tenant> tenants, CancellationToken ct, int page = 1, int pageSize = 20)
    {
        new DomainErrors()
            .Check(page >= 1, "page", "Pages start at 1.")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1-{MaxPageSize} tenants.")
            .ThrowIfAny();

        var items = await tenants.ListAsync(new TenantsPageSpec(page, pageSize), ct);
        var total = await tenants.CountAsync(ct);
        return TypedResults.Ok(new TenantPage(items.Adapt<List<TenantResponse>>(), page, pageSize, total));
    }
}
