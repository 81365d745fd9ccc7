using Ardalis.Specification;

namespace Liyaqa.Domain.Tenants.Specifications;

/// <summary>Tenants in slug order, one page at a time.</summary>
public sealed class TenantsPageSpec : Specification<Tenant>
{
    public TenantsPageSpec(int page, int pageSize) =>
        Query.OrderBy(t => t.Slug)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .AsNoTracking();
}
