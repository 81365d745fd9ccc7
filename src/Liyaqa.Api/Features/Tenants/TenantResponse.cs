using Liyaqa.Domain.Tenants;

namespace Liyaqa.Api.Features.Tenants;

public sealed record TenantResponse(
    Guid Id, string Slug, string Name, TenantStatus Status, string TimeZone, string Currency, decimal VatRate, string? VatNumber, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Slug, t.Name, t.Status, t.TimeZone, t.Currency, t.VatRate, t.VatNumber, t.CreatedAt);
}
