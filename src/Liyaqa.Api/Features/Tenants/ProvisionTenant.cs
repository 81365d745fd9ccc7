using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Tenants;

public sealed record ProvisionTenantRequest(
    [property: MaxLength(Tenant.MaxSlugLength)] string Slug,
    [property: MaxLength(Tenant.MaxNameLength)] string Name,
    [property: MaxLength(64)] string? TimeZone,
    [property: MaxLength(3)] string? Currency,
    decimal? VatRate,
    [property: MaxLength(User.MaxNameLength)] string OwnerName,
    [property: MaxLength(User.MaxEmailLength)] string OwnerEmail,
    [property: MaxLength(PasswordPolicy.MaxLength)] string? OwnerPassword = null,
    [property: MaxLength(20)] string? VatNumber = null);

public static class ProvisionTenant
{
    public static async Task<Created<TenantResponse>> HandleAsync(ProvisionTenantRequest request, TenantProvisioner provisioner, CancellationToken ct)
    {
        var tenant = await provisioner.ProvisionAsync(request, ct);
        return TypedResults.Created($"{TenantEndpoints.Route}/{tenant.Slug}", TenantResponse.From(tenant));
    }
}
