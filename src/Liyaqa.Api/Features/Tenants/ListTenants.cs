using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants.Specifications;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Persistence.Specifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

public sealed record TenantPage(IReadOnlyList<TenantResponse> Items, int Page, int PageSize, int Total);

public static class ListTenants
{
    public const int MaxPageSize = 100;

    public static async Task<Ok<TenantPage>> HandleAsync(LiyaqaDbContext db, CancellationToken ct, int page = 1, int pageSize = 20)
    {
        new DomainErrors()
            .Check(page >= 1, "page", "Pages start at 1.")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1-{MaxPageSize} tenants.")
            .ThrowIfAny();

        var items = await db.Tenants.WithSpecification(new TenantsPageSpec(page, pageSize)).ToListAsync(ct);
        var total = await db.Tenants.CountAsync(ct);
        return TypedResults.Ok(new TenantPage(items.Select(TenantResponse.From).ToList(), page, pageSize, total));
    }
}
