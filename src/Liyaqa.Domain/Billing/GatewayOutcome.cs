namespace Liyaqa.Domain.Billing;

/// <summary>What the gateway said about a charge: paid, declined (with its code and message), or pending.</summary>
public sealed record GatewayOutcome(string GatewayReference, GatewayChargeStatus Status, string? DeclineCode = null, string? DeclineMessage = null);
