using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Billing;

namespace Liyaqa.Api.Features.Billing;

public sealed record InvoiceLineRequest(
    InvoiceItemKind Kind, [property: MaxLength(InvoiceLine.MaxDescriptionLength)] string DescriptionEn,
    [property: MaxLength(InvoiceLine.MaxDescriptionLength)] string DescriptionAr, decimal Quantity, decimal UnitPrice, decimal Discount = 0,
    bool PriceIncludesVat = true, VatCategory Category = VatCategory.S,
    [property: MaxLength(InvoiceLine.MaxDescriptionLength)] string? ExemptionReason = null)
{
    public InvoiceLineDraft ToDraft() => new(Kind, DescriptionEn, DescriptionAr, Quantity, UnitPrice, Discount, PriceIncludesVat, Category, ExemptionReason);
}

/// <summary>A manual invoice; the buyer defaults to the member (simplified). <c>Issue</c> numbers it at once.</summary>
public sealed record CreateInvoiceRequest(
    Guid MemberId, List<InvoiceLineRequest> Lines, InvoiceType Type = InvoiceType.Simplified, InvoiceParty? Buyer = null, bool Issue = false, bool IncludeOpenCharges = true);

/// <summary>Credits all of the invoice (<c>Amount</c> left out) or an amount with VAT.</summary>
public sealed record CreditNoteRequest([property: MaxLength(Invoice.MaxReasonLength)] string Reason, decimal? Amount = null);

/// <summary>A refund through a credit note; the method defaults to that of the invoice's last payment.</summary>
public sealed record RefundRequest([property: MaxLength(Invoice.MaxReasonLength)] string Reason, decimal? Amount = null, PaymentMethod? Method = null, Guid? BranchId = null);

/// <summary>A payment against one invoice, or spread over the member's open invoices oldest first.</summary>
public sealed record PaymentRequest(Guid MemberId, PaymentMethod Method, decimal Amount, Guid? InvoiceId = null, Guid? BranchId = null, [property: MaxLength(Payment.MaxReferenceLength)] string? Reference = null,
    [property: MaxLength(3)] string? Currency = null);

/// <summary>The club's seller details and, optionally, the days after a failed renewal charge on which it is retried.</summary>
public sealed record BillingSettingsRequest([property: MaxLength(20)] string VatNumber, PostalAddress Address, [property: MaxLength(6)] int[]? CollectionRetryDays = null);

public sealed record BillingSettingsResponse(string SellerName, string? VatNumber, PostalAddress? Address, decimal VatRate, string Currency, string TimeZone, bool ReadyToIssue,
    IReadOnlyList<int> CollectionRetryDays);

/// <summary>A card payment of an invoice through the gateway: the member's saved card unless a card token is given; the whole outstanding amount unless told.</summary>
public sealed record CardPaymentRequest(Guid MemberId, Guid InvoiceId, decimal? Amount = null, [property: MaxLength(PaymentCard.MaxTokenLength)] string? CardToken = null);

public sealed record GatewayChargeResponse(
    Guid Id, Guid MemberId, Guid InvoiceId, GatewayChargePurpose Purpose, decimal Amount, string Currency, string Provider, string? GatewayReference,
    GatewayChargeStatus Status, string? DeclineCode, string? DeclineMessage, Guid? PaymentId, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt)
{
    public static GatewayChargeResponse From(GatewayCharge c) => new(c.Id, c.MemberId, c.InvoiceId, c.Purpose, c.Amount, c.Currency, c.Provider, c.GatewayReference,
        c.Status, c.DeclineCode, c.DeclineMessage, c.PaymentId, c.CreatedAt, c.SettledAt);
}

/// <summary>A card token the member's browser or the card terminal got from the gateway.</summary>
public sealed record PaymentCardRequest([property: MaxLength(PaymentCard.MaxTokenLength)] string Token);

public sealed record PaymentCardResponse(string Provider, string Brand, string Last4, int ExpiryMonth, int ExpiryYear, DateTimeOffset SavedAt)
{
    public static PaymentCardResponse From(PaymentCard c) => new(c.Provider, c.Brand, c.Last4, c.ExpiryMonth, c.ExpiryYear, c.SavedAt);
}

public sealed record PaymentCollectionResponse(
    Guid Id, Guid MemberId, Guid InvoiceId, Guid SubscriptionId, CollectionStatus Status, int FailedAttempts, DateOnly NextAttemptOn, string? LastFailure, DateTimeOffset? CollectedAt)
{
    public static PaymentCollectionResponse From(PaymentCollection c) =>
        new(c.Id, c.MemberId, c.InvoiceId, c.SubscriptionId, c.Status, c.FailedAttempts, c.NextAttemptOn, c.LastFailure, c.CollectedAt);
}

public sealed record InvoiceLineResponse(
    int LineNumber, InvoiceItemKind Kind, string DescriptionEn, string DescriptionAr, decimal Quantity, decimal UnitPrice, decimal Discount, bool PriceIncludesVat,
    VatCategory Category, decimal VatRate, string? ExemptionReason, decimal NetAmount, decimal VatAmount, decimal GrossAmount)
{
    public static InvoiceLineResponse From(InvoiceLine l) =>
        new(l.LineNumber, l.Kind, l.DescriptionEn, l.DescriptionAr, l.Quantity, l.UnitPrice, l.Discount, l.PriceIncludesVat, l.Category, l.VatRate, l.ExemptionReason, l.NetAmount, l.VatAmount, l.GrossAmount);
}

public sealed record InvoiceResponse(
    Guid Id, DocumentKind Kind, InvoiceType Type, InvoiceStatus Status, string? Number, Guid MemberId, Guid? ReferencedInvoiceId, string? Reason, string Currency,
    InvoiceParty? Seller, InvoiceParty Buyer, decimal NetTotal, decimal VatTotal, decimal Total, decimal PaidAmount, decimal CreditedAmount, decimal Outstanding,
    DateTimeOffset CreatedAt, DateTimeOffset? IssuedAt, DateOnly? IssueDate, TimeOnly? IssueTime, IReadOnlyList<InvoiceLineResponse> Lines, IReadOnlyList<VatBreakdown> VatBreakdown,
    string? QrCode)
{
    public static InvoiceResponse From(Invoice i) =>
        new(i.Id, i.Kind, i.Type, i.Status, i.Number, i.MemberId, i.ReferencedInvoiceId, i.Reason, i.Currency, i.Seller, i.Buyer, i.NetTotal, i.VatTotal, i.Total,
            i.PaidAmount, i.CreditedAmount, i.Outstanding, i.CreatedAt, i.IssuedAt, i.IssueDate, i.IssueTime, [.. i.Lines.OrderBy(l => l.LineNumber).Select(InvoiceLineResponse.From)],
            i.Totals.Breakdown, PrintedDocuments.QrPayload(i));
}

public sealed record PaymentResponse(
    Guid Id, string Number, Guid MemberId, PaymentMethod Method, decimal Amount, string Currency, Guid? BranchId, string? Reference, Guid? CreditNoteId,
    DateTimeOffset ReceivedAt, IReadOnlyList<PaymentAllocation> Allocations)
{
    public static PaymentResponse From(Payment p) => new(p.Id, p.Number, p.MemberId, p.Method, p.Amount, p.Currency, p.BranchId, p.Reference, p.CreditNoteId, p.ReceivedAt, p.Allocations);
}

/// <summary>The credit note and the refund that paid it out.</summary>
public sealed record RefundResponse(InvoiceResponse CreditNote, PaymentResponse Refund);

/// <summary>One line of a member's statement: a debit adds to what they owe, a credit takes from it.</summary>
public sealed record StatementEntry(DateTimeOffset At, string Kind, Guid Id, string Number, decimal Debit, decimal Credit, decimal Balance);

public sealed record StatementResponse(Guid MemberId, string Currency, decimal Balance, IReadOnlyList<StatementEntry> Entries);
