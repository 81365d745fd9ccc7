using Ardalis.Specification;

namespace Liyaqa.Domain.Tenants.Specifications;

public sealed class TenantBySlugSpec : SingleResultSpecification<Tenant>
{
    public TenantBySlugSpec(string slug)
    {
        var normalized = slug.Trim().ToLowerInvariant();
        Query.Where(t => t.Slug == normalized).AsNoTracking();
    }
}
