using Liyaqa.Domain.Memberships;

namespace Liyaqa.Domain.CheckIns;

/// <summary>The outcome: allowed on a subscription, or denied for one reason.</summary>
public sealed record CheckInDecision(Subscription? Subscription, CheckInDenial? Denial)
{
    public bool Allowed => Denial is null;

    public static CheckInDecision Deny(CheckInDenial denial) => new(null, denial);
}
