using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

/// <summary>
/// A member's saved card, as the gateway's token (the card number never reaches Liyaqa: the member's browser or
/// the card terminal gives it to the gateway, which answers with the token). Renewals are charged to it.
/// </summary>
public sealed class PaymentCard : Entity, ITenantOwned
{
    public const int MaxTokenLength = 200;

    private PaymentCard()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid MemberId { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    public string Brand { get; private set; } = string.Empty;

    public string Last4 { get; private set; } = string.Empty;

    public int ExpiryMonth { get; private set; }

    public int ExpiryYear { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    public static PaymentCard Save(Guid memberId, string provider, string token, string brand, string last4, int expiryMonth, int expiryYear, DateTimeOffset now)
    {
        var card = new PaymentCard
        {
            MemberId = memberId,
            Provider = provider,
            Token = token,
            Brand = brand.Length <= 20 ? brand : brand[..20],
            Last4 = last4,
            ExpiryMonth = expiryMonth,
            ExpiryYear = expiryYear,
            SavedAt = now,
        };
        card.Audit(AuditActions.PaymentCardSaved, new { memberId, brand, last4 });
        return card;
    }

    public void Remove() => Audit(AuditActions.PaymentCardRemoved, new { MemberId, Brand, Last4 });
}
