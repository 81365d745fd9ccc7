namespace Liyaqa.Domain.Billing;

/// <summary>What an invoice line sells.</summary>
public enum InvoiceItemKind
{
    Membership,
    JoiningFee,
    PersonalTraining,
    Product,

    /// <summary>A fee line of the member (late cancellation, no-show).</summary>
    Fee,
    Other,
}
