using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Common;

namespace Liyaqa.Domain.Billing;

/// <summary>A seller's or buyer's address as a Saudi tax invoice prints it (ZATCA: building number and postal code for SA).</summary>
public sealed record PostalAddress(
    [property: MaxLength(PostalAddress.MaxPartLength)] string Street, [property: MaxLength(PostalAddress.MaxPartLength)] string BuildingNumber, [property: MaxLength(PostalAddress.MaxPartLength)] string District, [property: MaxLength(PostalAddress.MaxPartLength)] string City,
    [property: MaxLength(PostalAddress.MaxPartLength)] string PostalCode, [property: MaxLength(2)] string CountryCode = "SA")
{
    public const int MaxPartLength = 127;

    /// <summary>Refuses missing or overlong parts, naming each under <paramref name="field"/>.</summary>
    public void Validate(DomainErrors errors, string field)
    {
        foreach (var (name, value) in new[] { ("street", Street), ("buildingNumber", BuildingNumber), ("district", District), ("city", City), ("postalCode", PostalCode) })
        {
            errors.Check(value?.Trim().Length is > 0 and <= MaxPartLength, $"{field}.{name}", $"1-{MaxPartLength} characters.");
        }

        errors.Check(CountryCode is { Length: 2 } && CountryCode.All(char.IsAsciiLetterUpper), $"{field}.countryCode", "An ISO 3166 alpha-2 code (SA).")
            .Check(CountryCode != "SA" || (BuildingNumber is { Length: 4 } && BuildingNumber.All(char.IsAsciiDigit)), $"{field}.buildingNumber", "A Saudi building number has 4 digits.")
            .Check(CountryCode != "SA" || (PostalCode is { Length: 5 } && PostalCode.All(char.IsAsciiDigit)), $"{field}.postalCode", "A Saudi postal code has 5 digits.");
    }

    public string OneLine() => $"{BuildingNumber} {Street}, {District}, {City} {PostalCode}, {CountryCode}";
}
