namespace Liyaqa.Domain.Billing;

/// <summary>A line's amounts, each to the halala: net (the taxable amount), its VAT and the two together.</summary>
public sealed record LineAmounts(decimal Net, decimal Vat, decimal Gross);
