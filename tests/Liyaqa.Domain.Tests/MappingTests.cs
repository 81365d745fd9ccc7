using Liyaqa.Api.Features;
using Liyaqa.Api.Features.Tenants;
using Liyaqa.Domain.Tenants;
using Mapster;

namespace Liyaqa.Domain.Tests;

public sealed class MappingTests
{
    [Fact]
    public void Every_Mapster_mapping_of_the_API_compiles()
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(FeatureRegistration).Assembly);

        config.Compile();
    }

    [Fact]
    public void A_tenant_maps_to_its_response_field_for_field()
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(FeatureRegistration).Assembly);
        var tenant = Tenant.Provision("fit-club", "Fit Club", null, null, null, DateTimeOffset.UnixEpoch, "310123456700003");

        var response = tenant.Adapt<TenantResponse>(config);

        Assert.Equal(
            new TenantResponse(tenant.Id, "fit-club", "Fit Club", TenantStatus.Active, "Asia/Riyadh", "SAR", 0.15m, "310123456700003", DateTimeOffset.UnixEpoch),
            response);
    }
}
