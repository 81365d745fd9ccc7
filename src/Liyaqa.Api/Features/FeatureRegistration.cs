using Liyaqa.Api.Features.Diagnostics;
using Liyaqa.Api.Features.Operations;
using Liyaqa.Api.Features.Tenants;
using Mapster;

namespace Liyaqa.Api.Features;

/// <summary>The table of contents of the API's features.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        TypeAdapterConfig.GlobalSettings.Scan(typeof(FeatureRegistration).Assembly);
        services.AddSingleton(BuildInfo.FromAssembly(typeof(FeatureRegistration).Assembly));
        return services;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapTenants();
        app.MapFaultInjection();
        return app;
    }
}
