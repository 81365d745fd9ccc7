namespace Liyaqa.Domain.Billing;

/// <summary>An invoice's totals: net of all lines, VAT as the sum of the categories' VAT, and net plus VAT.</summary>
public sealed record InvoiceTotals(decimal Net, decimal Vat, decimal Total, IReadOnlyList<VatBreakdown> Breakdown);
