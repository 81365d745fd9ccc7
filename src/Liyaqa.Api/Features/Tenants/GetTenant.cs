using Liyaqa.Domain.Tenants.Specifications;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Persistence.Specifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

public static class GetTenant
{
    public static async Task<Results<Ok<TenantResponse>, NotFound>> HandleAsync(string slug, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Tenants.WithSpecification(new TenantBySlugSpec(slug)).SingleOrDefaultAsync(ct) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(tenant))
            : TypedResults.NotFound();
}
