using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Api.Features.Billing.Gateway;

public sealed class PaymentGatewayOptions
{
    public const string Section = "Payments";

    /// <summary>Where on the API the gateway posts its webhooks.</summary>
    public const string WebhookPath = "/api/payments/gateway-webhook";

    /// <summary>The adapter: <c>Simulator</c>, or empty for none (card payments refused with a clear problem).</summary>
    public string? Gateway { get; set; }

    /// <summary>The API's own public address, where the gateway posts its webhooks (<see cref="WebhookPath"/>).</summary>
    public Uri? CallbackBaseUrl { get; set; }

    /// <summary>Seconds a charge waits for the gateway's answer before it is left Unknown and settled by webhook or retry.</summary>
    [Range(1, 120)]
    public int ChargeTimeoutSeconds { get; set; } = 10;

    /// <summary>The simulator's address and keys (<c>Payments:Simulator:*</c>).</summary>
    public SimulatorGatewayOptions Simulator { get; set; } = new();
}

public sealed class SimulatorGatewayOptions
{
    public Uri? BaseUrl { get; set; }

    public string SecretKey { get; set; } = string.Empty;

    public string WebhookSecret { get; set; } = string.Empty;
}
