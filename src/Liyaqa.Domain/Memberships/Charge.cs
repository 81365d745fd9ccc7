using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

/// <summary>An amount split into net and VAT, as an invoice line shows it.</summary>
public sealed record Charge(decimal Net, decimal Vat, decimal Total)
{
    public static Charge Zero { get; } = new(0, 0, 0);

    public static Charge Of(decimal amount, bool includesVat, decimal vatRate)
    {
        if (includesVat)
        {
            var net = decimal.Round(amount / (1 + vatRate), 2, MidpointRounding.AwayFromZero);
            return new Charge(net, amount - net, amount);
        }

        var vat = decimal.Round(amount * vatRate, 2, MidpointRounding.AwayFromZero);
        return new Charge(amount, vat, amount + vat);
    }

    public static Charge operator +(Charge a, Charge b) => new(a.Net + b.Net, a.Vat + b.Vat, a.Total + b.Total);
}
