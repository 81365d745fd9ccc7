namespace Liyaqa.Domain.Billing;

/// <summary>
/// The invoice arithmetic, to the halala. A line: quantity × unit price rounded to 2 decimals, less its discount, in the
/// line's price mode; a VAT-inclusive amount is turned into its net by dividing by (1 + rate), rounded. Per VAT category
/// and rate: VAT = taxable amount × rate, rounded. Total VAT is the sum of the categories' VAT; the total is net + VAT.
/// Rounding is half away from zero. A line's own VAT is shown on it but the categories' VAT is what the invoice owes.
/// </summary>
public static class InvoiceArithmetic
{
    public static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>What the line's price says before VAT is separated: quantity × unit price, rounded, less the discount.</summary>
    public static decimal PriceAmount(decimal quantity, decimal unitPrice, decimal discount) => Round(quantity * unitPrice) - discount;

    public static LineAmounts Line(decimal quantity, decimal unitPrice, decimal discount, bool priceIncludesVat, decimal rate)
    {
        var amount = PriceAmount(quantity, unitPrice, discount);
        var net = priceIncludesVat ? Round(amount / (1 + rate)) : amount;
        var vat = Round(net * rate);
        return new LineAmounts(net, vat, net + vat);
    }

    /// <summary>Totals of lines given as (category, rate, net).</summary>
    public static InvoiceTotals Totals(IEnumerable<(VatCategory Category, decimal Rate, decimal Net)> lines)
    {
        var breakdown = lines
            .GroupBy(l => (l.Category, l.Rate))
            .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Rate)
            .Select(g =>
            {
                var taxable = g.Sum(l => l.Net);
                return new VatBreakdown(g.Key.Category, g.Key.Rate, taxable, Round(taxable * g.Key.Rate));
            })
            .ToList();
        var net = breakdown.Sum(b => b.Taxable);
        var vat = breakdown.Sum(b => b.Vat);
        return new InvoiceTotals(net, vat, net + vat, breakdown);
    }
}
