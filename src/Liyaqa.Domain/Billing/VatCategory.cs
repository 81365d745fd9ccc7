namespace Liyaqa.Domain.Billing;

/// <summary>The VAT category of an invoice line, by its UN/ECE 5305 code as ZATCA uses them.</summary>
public enum VatCategory
{
    /// <summary>Standard rate: the club's VAT rate (15 % by default).</summary>
    S,

    /// <summary>Zero-rated: taxable at 0 % (e.g. exports, some medicines).</summary>
    Z,

    /// <summary>Exempt from VAT (e.g. some financial services); needs an exemption reason on a ZATCA document.</summary>
    E,

    /// <summary>Out of scope of VAT (e.g. a fine or damages that is not a supply).</summary>
    O,
}
