using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Liyaqa.Domain.Common;

namespace Liyaqa.Domain.Billing;

/// <summary>The seller or buyer of an invoice: name, VAT number and address as printed (and as ZATCA reads them).</summary>
public sealed partial record InvoiceParty([property: MaxLength(InvoiceParty.MaxNameLength)] string Name, [property: MaxLength(20)] string? VatNumber, PostalAddress? Address)
{
    public const int MaxNameLength = 200;

    public static bool IsSaudiVatNumber(string? value) => value is not null && SaudiVatNumber().IsMatch(value);

    /// <summary>A buyer: any named person for a simplified invoice; a business with VAT number and address for a standard one.</summary>
    public void ValidateBuyer(InvoiceType type, DomainErrors errors)
    {
        errors.Check(Name?.Trim().Length is > 0 and <= MaxNameLength, "buyer.name", $"1-{MaxNameLength} characters.")
            .Check(VatNumber is null || IsSaudiVatNumber(VatNumber), "buyer.vatNumber", "A Saudi VAT number has 15 digits, starting and ending with 3.");
        if (type == InvoiceType.Standard)
        {
            errors.Check(VatNumber is not null, "buyer.vatNumber", "A standard (business) invoice names the buyer's VAT number.")
                .Check(Address is not null, "buyer.address", "A standard (business) invoice names the buyer's address.");
        }

        Address?.Validate(errors, "buyer.address");
    }

    [GeneratedRegex("^3[0-9]{13}3$")]
    private static partial Regex SaudiVatNumber();
}
