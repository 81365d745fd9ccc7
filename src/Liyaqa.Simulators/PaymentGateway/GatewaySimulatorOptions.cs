using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Simulators.PaymentGateway;

public sealed class GatewaySimulatorOptions
{
    public const string Section = "Gateway";

    /// <summary>The merchant's secret API key: every request must carry it as <c>Authorization: Bearer …</c>.</summary>
    [Required(ErrorMessage = "Gateway:SecretKey is required.")]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Signs every webhook (HMAC-SHA256), as the merchant's webhook secret does at a real gateway.</summary>
    [Required(ErrorMessage = "Gateway:WebhookSecret is required.")]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>How long the slow test card holds its answer (longer than a client should wait).</summary>
    [Range(0, 600)]
    public double SlowResponseSeconds { get; set; } = 30;

    /// <summary>How long a charge with delayed settlement stays pending before it settles and the webhook goes out.</summary>
    [Range(0, 3600)]
    public double SettlementDelaySeconds { get; set; } = 5;
}
