namespace Liyaqa.Domain.Billing;

/// <summary>The part of a payment (negative for a refund) that went to one invoice.</summary>
public sealed record PaymentAllocation(Guid InvoiceId, decimal Amount);
