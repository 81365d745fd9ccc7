using Liyaqa.Domain.Tenants;
using Mapster;

namespace Liyaqa.Api.Features.Tenants;

public sealed record TenantResponse(
    Guid Id, string Slug, string Name, TenantStatus Status, string TimeZone, string Currency, decimal VatRate, string? VatNumber, DateTimeOffset CreatedAt);

internal sealed class TenantMappings : IRegister
{
    public void Register(TypeAdapterConfig config) => config.NewConfig<Tenant, TenantResponse>();
}
