namespace Liyaqa.Domain.Billing;

public enum CollectionStatus
{
    /// <summary>The invoice is charged to the saved card on <see cref="PaymentCollection.NextAttemptOn"/>.</summary>
    Due,

    /// <summary>The invoice was paid, by the gateway or at the desk.</summary>
    Collected,

    /// <summary>Every attempt failed: the membership is suspended until the invoice is paid.</summary>
    Suspended,
}
