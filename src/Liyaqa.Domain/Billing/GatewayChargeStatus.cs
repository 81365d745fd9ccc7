namespace Liyaqa.Domain.Billing;

public enum GatewayChargeStatus
{
    /// <summary>Written before the gateway is called; the gateway has not answered yet.</summary>
    Requested,

    /// <summary>Accepted by the gateway, to settle later (its webhook tells).</summary>
    Pending,

    /// <summary>The gateway did not answer in time: the money may or may not have been taken. Asked again with the same idempotency key.</summary>
    Unknown,
    Paid,
    Declined,
}
