using Liyaqa.Domain.Billing;

namespace Liyaqa.Api.Features.Billing.Gateway;

/// <summary>
/// The port billing takes card money through. An adapter per provider (the simulator today; Moyasar, HyperPay or Tap
/// next) translates these calls to the provider's API; billing never sees the provider.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The adapter's name, stored on each charge (<c>simulator</c>, <c>moyasar</c>…).</summary>
    string Provider { get; }

    /// <summary>The card behind a token the member's browser or the card terminal got from the gateway; null if the gateway does not know it.</summary>
    Task<CardDetails?> DescribeCardAsync(string token, CancellationToken ct);

    /// <summary>
    /// Charges a card token. The same <see cref="GatewayChargeRequest.IdempotencyKey"/> never charges twice: asking again
    /// returns the first outcome. Throws <see cref="GatewayTimeoutException"/> when the gateway does not answer in time.
    /// </summary>
    Task<GatewayOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken ct);

    /// <summary>
    /// Gives back <paramref name="amount"/> of a paid charge to its card; the same key never refunds twice. Returns the
    /// gateway's reference of the refund; throws <see cref="GatewayTimeoutException"/> when the gateway does not answer
    /// in time, and a <see cref="Domain.Common.DomainRuleException"/> when it refuses.
    /// </summary>
    Task<string> RefundAsync(string chargeReference, decimal amount, string idempotencyKey, CancellationToken ct);

    /// <summary>Reads a webhook the gateway posted; null when its signature does not verify.</summary>
    GatewayWebhook? ReadWebhook(string body, IHeaderDictionary headers);
}

public sealed record CardDetails(string Token, string Brand, string Last4, int ExpiryMonth, int ExpiryYear);

/// <summary>A charge as billing asks for it; the tenant and charge ids come back with the webhook.</summary>
public sealed record GatewayChargeRequest(string IdempotencyKey, decimal Amount, string Currency, string CardToken, string Description, Guid TenantId, Guid ChargeId);

/// <summary>A verified webhook: whose charge it is and what became of it.</summary>
public sealed record GatewayWebhook(Guid TenantId, Guid ChargeId, GatewayOutcome Outcome);

/// <summary>The gateway did not answer within the charge timeout; the charge may have gone through.</summary>
public sealed class GatewayTimeoutException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No gateway is configured for the club's platform.</summary>
public sealed class NoPaymentGateway : IPaymentGateway
{
    public string Provider => "none";

    public Task<CardDetails?> DescribeCardAsync(string token, CancellationToken ct) => throw Unavailable();

    public Task<GatewayOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken ct) => throw Unavailable();

    public Task<string> RefundAsync(string chargeReference, decimal amount, string idempotencyKey, CancellationToken ct) => throw Unavailable();

    public GatewayWebhook? ReadWebhook(string body, IHeaderDictionary headers) => null;

    private static Domain.Common.DomainRuleException Unavailable() =>
        new("no-payment-gateway", "Card payments are not set up on this platform (Payments:Gateway).");
}
