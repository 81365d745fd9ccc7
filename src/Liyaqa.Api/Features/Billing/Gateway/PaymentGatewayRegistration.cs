using Microsoft.Extensions.Options;

namespace Liyaqa.Api.Features.Billing.Gateway;

/// <summary>Picks the gateway adapter named by <c>Payments:Gateway</c>; a new provider is one more case here and its adapter.</summary>
public static class PaymentGatewayRegistration
{
    public static IServiceCollection AddPaymentGateway(this IServiceCollection services)
    {
        services.AddOptions<PaymentGatewayOptions>().BindConfiguration(PaymentGatewayOptions.Section).ValidateDataAnnotations();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PaymentGatewayOptions>>().Value);
        services.AddHttpClient<SimulatorGateway>((sp, client) =>
        {
            var address = sp.GetRequiredService<PaymentGatewayOptions>().Simulator.BaseUrl;
            client.BaseAddress = address is null ? null : new Uri(address.ToString().TrimEnd('/') + "/");
            client.Timeout = Timeout.InfiniteTimeSpan; // each call sets its own deadline
        });
        services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<PaymentGatewayOptions>().Gateway?.ToLowerInvariant() switch
        {
            SimulatorGateway.Name => sp.GetRequiredService<SimulatorGateway>(),
            _ => new NoPaymentGateway(),
        });
        return services;
    }
}
