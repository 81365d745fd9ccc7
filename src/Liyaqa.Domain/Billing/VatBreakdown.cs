namespace Liyaqa.Domain.Billing;

/// <summary>One VAT category and rate of an invoice: the taxable amount of its lines and the VAT on it.</summary>
public sealed record VatBreakdown(VatCategory Category, decimal Rate, decimal Taxable, decimal Vat);
