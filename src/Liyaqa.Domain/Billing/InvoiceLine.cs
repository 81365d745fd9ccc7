using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>One line of an invoice or credit note, with its amounts to the halala.</summary>
public sealed class InvoiceLine : ITenantOwned
{
    public const int MaxDescriptionLength = 200;

    private InvoiceLine()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid InvoiceId { get; private set; }

    /// <summary>1, 2, … in the order added.</summary>
    public int LineNumber { get; private set; }

    public InvoiceItemKind Kind { get; private set; }

    public string DescriptionEn { get; private set; } = string.Empty;

    public string DescriptionAr { get; private set; } = string.Empty;

    public decimal Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal Discount { get; private set; }

    public bool PriceIncludesVat { get; private set; }

    public VatCategory Category { get; private set; }

    public decimal VatRate { get; private set; }

    /// <summary>Why a zero-rated, exempt or out-of-scope line carries no VAT (ZATCA asks for it on those).</summary>
    public string? ExemptionReason { get; private set; }

    public decimal NetAmount { get; private set; }

    public decimal VatAmount { get; private set; }

    public decimal GrossAmount { get; private set; }

    public Guid? SubscriptionId { get; private set; }

    public Guid? ChargeId { get; private set; }

    internal static InvoiceLine From(Guid invoiceId, int number, InvoiceLineDraft draft, decimal clubVatRate)
    {
        var errors = new DomainErrors();
        var field = $"lines[{number - 1}]";
        errors.Check(draft.DescriptionEn?.Trim().Length is > 0 and <= MaxDescriptionLength, $"{field}.descriptionEn", $"1-{MaxDescriptionLength} characters.")
            .Check(draft.DescriptionAr?.Trim().Length is > 0 and <= MaxDescriptionLength, $"{field}.descriptionAr", $"1-{MaxDescriptionLength} characters.")
            .Check(draft.Quantity is > 0 and <= 10_000 && decimal.Round(draft.Quantity, 3) == draft.Quantity, $"{field}.quantity", "More than 0 and at most 10000, with at most 3 decimals.")
            .Check(draft.UnitPrice is >= 0 and <= 100_000 && decimal.Round(draft.UnitPrice, 2) == draft.UnitPrice, $"{field}.unitPrice", "From 0 to 100000, with at most 2 decimals.")
            .Check(Enum.IsDefined(draft.Category), $"{field}.category", "One of S, Z, E, O.")
            .Check(Enum.IsDefined(draft.Kind), $"{field}.kind", "An item kind.")
            .Check(draft.ExemptionReason is null || draft.ExemptionReason.Length <= MaxDescriptionLength, $"{field}.exemptionReason", $"At most {MaxDescriptionLength} characters.");
        errors.ThrowIfAny();
        var priced = InvoiceArithmetic.Round(draft.Quantity * draft.UnitPrice);
        errors.Check(draft.Discount >= 0 && draft.Discount <= priced && decimal.Round(draft.Discount, 2) == draft.Discount, $"{field}.discount", "From 0 up to quantity × unit price, with at most two decimals.")
            .ThrowIfAny();
        var rate = draft.Category == VatCategory.S ? clubVatRate : 0m;
        var amounts = InvoiceArithmetic.Line(draft.Quantity, draft.UnitPrice, draft.Discount, draft.PriceIncludesVat, rate);
        return new InvoiceLine
        {
            InvoiceId = invoiceId,
            LineNumber = number,
            Kind = draft.Kind,
            DescriptionEn = draft.DescriptionEn!.Trim(),
            DescriptionAr = draft.DescriptionAr!.Trim(),
            Quantity = draft.Quantity,
            UnitPrice = draft.UnitPrice,
            Discount = draft.Discount,
            PriceIncludesVat = draft.PriceIncludesVat,
            Category = draft.Category,
            VatRate = rate,
            ExemptionReason = draft.Category == VatCategory.S ? null : draft.ExemptionReason?.Trim() ?? DefaultExemptionReason(draft.Category),
            NetAmount = amounts.Net,
            VatAmount = amounts.Vat,
            GrossAmount = amounts.Gross,
            SubscriptionId = draft.SubscriptionId,
            ChargeId = draft.ChargeId,
        };
    }

    /// <summary>The same line, credited: a credit note's line repeats the invoice's at the share credited.</summary>
    internal InvoiceLineDraft AsDraft() =>
        new(Kind, DescriptionEn, DescriptionAr, Quantity, UnitPrice, Discount, PriceIncludesVat, Category, ExemptionReason, SubscriptionId, ChargeId);

    private static string DefaultExemptionReason(VatCategory category) => category switch
    {
        VatCategory.Z => "Zero-rated supply",
        VatCategory.E => "Exempt supply",
        _ => "Not subject to VAT",
    };
}
