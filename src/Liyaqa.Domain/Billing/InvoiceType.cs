namespace Liyaqa.Domain.Billing;

/// <summary>ZATCA's two kinds of tax invoice.</summary>
public enum InvoiceType
{
    /// <summary>To a person (B2C): buyer details optional, QR code printed.</summary>
    Simplified,

    /// <summary>To a business (B2B): the buyer's name, VAT number and address.</summary>
    Standard,
}
