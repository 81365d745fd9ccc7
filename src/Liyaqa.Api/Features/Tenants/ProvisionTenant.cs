using Liyaqa.Api.Features.Auth;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

public sealed record ProvisionTenantRequest(
    string Slug, string Name, string? TimeZone, string? Currency, decimal? VatRate, string OwnerName, string OwnerEmail, string? OwnerPassword = null, string? VatNumber = null);

public static class ProvisionTenant
{
    public static async Task<Created<TenantResponse>> HandleAsync(ProvisionTenantRequest request, TenantProvisioner provisioner, CancellationToken ct)
    {
        var tenant = await provisioner.ProvisionAsync(request, ct);
        return TypedResults.Created($"{TenantEndpoints.Route}/{tenant.Slug}", TenantResponse.From(tenant));
    }
}
