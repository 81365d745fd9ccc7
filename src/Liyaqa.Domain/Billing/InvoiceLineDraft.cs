namespace Liyaqa.Domain.Billing;

/// <summary>
/// A line to put on an invoice: the discount is an amount off quantity × unit price, in the line's price mode.
/// <paramref name="SubscriptionId"/> or <paramref name="ChargeId"/> say what the line bills.
/// </summary>
public sealed record InvoiceLineDraft(
    InvoiceItemKind Kind, string DescriptionEn, string DescriptionAr, decimal Quantity, decimal UnitPrice, decimal Discount = 0,
    bool PriceIncludesVat = true, VatCategory Category = VatCategory.S, string? ExemptionReason = null, Guid? SubscriptionId = null, Guid? ChargeId = null);
