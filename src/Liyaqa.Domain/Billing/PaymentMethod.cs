namespace Liyaqa.Domain.Billing;

public enum PaymentMethod
{
    Cash,
    Card,

    /// <summary>Saudi debit card network.</summary>
    Mada,
    BankTransfer,

    /// <summary>Paid online through the payment gateway.</summary>
    Online,
}
