using Liyaqa.Api.Features.Tenants;
using Liyaqa.Domain.Tenants;

namespace Liyaqa.UnitTests;

public sealed class MappingTests
{
    [Fact]
    public void A_tenant_maps_to_its_response_field_for_field()
    {
        var tenant = Tenant.Provision("fit-club", "Fit Club", null, null, null, DateTimeOffset.UnixEpoch, "310123456700003");

        var response = TenantResponse.From(tenant);

        Assert.Equal(
            new TenantResponse(tenant.Id, "fit-club", "Fit Club", TenantStatus.Active, "Asia/Riyadh", "SAR", 0.15m, "310123456700003", DateTimeOffset.UnixEpoch),
            response);
    }
}
