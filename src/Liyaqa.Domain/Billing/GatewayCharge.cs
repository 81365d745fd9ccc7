using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// One request to the payment gateway to take money for an invoice, recorded before the gateway is called and
/// keyed by <see cref="IdempotencyKey"/>, which the gateway receives too: asking again after a timeout can never
/// charge twice. Paid and declined are final; a paid charge records exactly one <see cref="Payment"/>.
/// </summary>
public sealed class GatewayCharge : Entity, ITenantOwned
{
    public const int MaxKeyLength = 120;
    public const int MaxDeclineLength = 200;

    private GatewayCharge()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid InvoiceId { get; private set; }

    public GatewayChargePurpose Purpose { get; private set; }

    /// <summary>The renewal collection this charge is an attempt of.</summary>
    public Guid? CollectionId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    /// <summary>The gateway adapter's name, e.g. <c>simulator</c>, <c>moyasar</c>.</summary>
    public string Provider { get; private set; } = string.Empty;

    public string IdempotencyKey { get; private set; } = string.Empty;

    /// <summary>The gateway's own id of the charge, once it answered.</summary>
    public string? GatewayReference { get; private set; }

    public GatewayChargeStatus Status { get; private set; }

    public string? DeclineCode { get; private set; }

    public string? DeclineMessage { get; private set; }

    /// <summary>The payment recorded when the charge was paid.</summary>
    public Guid? PaymentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    public bool IsFinal => Status is GatewayChargeStatus.Paid or GatewayChargeStatus.Declined;

    public static GatewayCharge Request(Invoice invoice, decimal amount, GatewayChargePurpose purpose, Guid? collectionId, string provider, string idempotencyKey, DateTimeOffset now)
    {
        new DomainErrors()
            .Check(amount > 0 && amount <= invoice.Outstanding && decimal.Round(amount, 2) == amount, "amount", $"More than 0 and at most the {invoice.Outstanding:0.00} {invoice.Currency} still owed.")
            .ThrowIfAny();
        var charge = new GatewayCharge
        {
            MemberId = invoice.MemberId,
            InvoiceId = invoice.Id,
            Purpose = purpose,
            CollectionId = collectionId,
            Amount = amount,
            Currency = invoice.Currency,
            Provider = provider,
            IdempotencyKey = idempotencyKey,
            Status = GatewayChargeStatus.Requested,
            CreatedAt = now,
        };
        charge.Audit(AuditActions.GatewayChargeRequested, new { invoice = invoice.Number, amount, purpose = purpose.ToString(), provider });
        return charge;
    }

    /// <summary>Takes the gateway's answer or webhook; false when the charge had already settled (a repeated event).</summary>
    public bool Record(GatewayOutcome outcome, DateTimeOffset now)
    {
        if (IsFinal)
        {
            return false;
        }

        GatewayReference = outcome.GatewayReference;
        Status = outcome.Status;
        if (outcome.Status == GatewayChargeStatus.Declined)
        {
            DeclineCode = Clip(outcome.DeclineCode ?? "declined", 60);
            DeclineMessage = Clip(outcome.DeclineMessage ?? "The payment was declined.", MaxDeclineLength);
        }

        if (IsFinal)
        {
            SettledAt = now;
            Audit(AuditActions.GatewayChargeSettled, new { status = Status.ToString(), reference = GatewayReference, DeclineCode });
        }

        return true;
    }

    /// <summary>The gateway did not answer in time.</summary>
    public void TimedOut()
    {
        if (!IsFinal)
        {
            Status = GatewayChargeStatus.Unknown;
        }
    }

    public void Recorded(Payment payment) => PaymentId = payment.Id;

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
