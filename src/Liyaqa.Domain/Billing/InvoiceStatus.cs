namespace Liyaqa.Domain.Billing;

public enum InvoiceStatus
{
    /// <summary>Being prepared: lines may change; no number yet.</summary>
    Draft,

    /// <summary>Numbered and final; nothing paid yet.</summary>
    Issued,
    PartiallyPaid,
    Paid,

    /// <summary>Fully credited by credit notes.</summary>
    Cancelled,
}
