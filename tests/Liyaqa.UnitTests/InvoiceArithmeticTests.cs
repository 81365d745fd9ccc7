using CsCheck;
using Liyaqa.Domain.Billing;

namespace Liyaqa.UnitTests;

/// <summary>Invoice arithmetic over random baskets: every category, both price modes, totals reconciling to the halala.</summary>
public sealed class InvoiceArithmeticTests
{
    private sealed record Item(decimal Quantity, decimal UnitPrice, decimal Discount, bool PriceIncludesVat, VatCategory Category);

    private static readonly Gen<decimal> Rates = Gen.OneOf(Gen.Const(0.15m), Gen.Const(0.05m), Gen.Int[0, 30].Select(p => p / 100m));

    private static readonly Gen<Item> Items =
        from quantity in Gen.OneOf(Gen.Int[1, 20].Select(q => (decimal)q), Gen.Int[1, 20_000].Select(q => q / 1000m))
        from price in Gen.Long[0, 500_000].Select(h => h / 100m)
        from share in Gen.Int[0, 100]
        from inclusive in Gen.Bool
        from category in Gen.Enum<VatCategory>()
        let amount = InvoiceArithmetic.Round(quantity * price)
        select new Item(quantity, price, InvoiceArithmetic.Round(amount * share / 100m), inclusive, category);

    private static decimal RateOf(VatCategory category, decimal clubRate) => category == VatCategory.S ? clubRate : 0m;

    private static bool IsHalalas(decimal amount) => decimal.Round(amount, 2) == amount;

    [Fact]
    public void Every_line_and_total_is_in_halalas_and_the_totals_reconcile()
    {
        Gen.Select(Items.List[1, 25], Rates).Sample((basket, clubRate) =>
        {
            var lines = basket.Select(i => (i, Amounts: InvoiceArithmetic.Line(i.Quantity, i.UnitPrice, i.Discount, i.PriceIncludesVat, RateOf(i.Category, clubRate)))).ToList();
            var totals = InvoiceArithmetic.Totals(lines.Select(l => (l.i.Category, RateOf(l.i.Category, clubRate), l.Amounts.Net)));

            Assert.All(lines, l => Assert.True(IsHalalas(l.Amounts.Net) && IsHalalas(l.Amounts.Vat) && l.Amounts.Gross == l.Amounts.Net + l.Amounts.Vat));
            Assert.All(lines, l => Assert.True(l.Amounts.Net >= 0));
            Assert.All(totals.Breakdown, b => Assert.Equal(decimal.Round(b.Taxable * b.Rate, 2, MidpointRounding.AwayFromZero), b.Vat));
            Assert.All(totals.Breakdown, b => Assert.Equal(lines.Where(l => l.i.Category == b.Category).Sum(l => l.Amounts.Net), b.Taxable));
            Assert.All(totals.Breakdown.Where(b => b.Category != VatCategory.S), b => Assert.Equal(0m, b.Vat));
            Assert.Equal(totals.Breakdown.Sum(b => b.Vat), totals.Vat);
            Assert.Equal(lines.Sum(l => l.Amounts.Net), totals.Net);
            Assert.Equal(totals.Net + totals.Vat, totals.Total);
            Assert.True(IsHalalas(totals.Total));
        });
    }

    [Fact]
    public void Exclusive_prices_are_the_net_and_inclusive_prices_the_total_within_the_rounding_of_each_line()
    {
        Gen.Select(Items.List[1, 25], Rates, Gen.Bool).Sample((basket, clubRate, inclusive) =>
        {
            var items = basket.Select(i => i with { PriceIncludesVat = inclusive }).ToList();
            var nets = items.Select(i => (i.Category, Rate: RateOf(i.Category, clubRate), InvoiceArithmetic.Line(i.Quantity, i.UnitPrice, i.Discount, inclusive, RateOf(i.Category, clubRate)).Net));
            var totals = InvoiceArithmetic.Totals(nets);
            var priced = items.Sum(i => InvoiceArithmetic.PriceAmount(i.Quantity, i.UnitPrice, i.Discount));

            if (inclusive)
            {
                // Each line's net is off by at most half a halala, the VAT by another half.
                Assert.True(Math.Abs(totals.Total - priced) <= (0.005m * (1 + clubRate) * items.Count) + 0.005m, $"{totals.Total} vs {priced}");
            }
            else
            {
                Assert.Equal(priced, totals.Net);
            }
        });
    }

    [Theory]
    [InlineData(230, true, 200.00, 30.00)]
    [InlineData(99.99, true, 86.95, 13.04)]
    [InlineData(100, false, 100.00, 15.00)]
    [InlineData(0.03, false, 0.03, 0.00)]
    [InlineData(0.04, false, 0.04, 0.01)]
    public void A_single_standard_rated_line_at_15_percent(decimal price, bool inclusive, decimal net, decimal vat)
    {
        var line = InvoiceArithmetic.Line(1, price, 0, inclusive, 0.15m);
        var totals = InvoiceArithmetic.Totals([(VatCategory.S, 0.15m, line.Net)]);

        Assert.Equal((net, vat, net + vat), (totals.Net, totals.Vat, totals.Total));
    }

    [Fact]
    public void Category_VAT_is_rounded_once_on_the_taxable_sum_not_per_line()
    {
        // Three lines of 0.10 net: each line's VAT 0.015 rounds to 0.02 (0.06 together); the category owes 0.05.
        var lines = Enumerable.Repeat(InvoiceArithmetic.Line(1, 0.10m, 0, false, 0.15m), 3).ToList();
        var totals = InvoiceArithmetic.Totals(lines.Select(l => (VatCategory.S, 0.15m, l.Net)));

        Assert.Equal(0.06m, lines.Sum(l => l.Vat));
        Assert.Equal((0.30m, 0.05m, 0.35m), (totals.Net, totals.Vat, totals.Total));
    }
}
