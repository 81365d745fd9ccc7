using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.CheckIns;

/// <summary>An attempt to enter a branch, let in or turned away, kept for attendance history and occupancy.</summary>
public sealed class CheckIn : Entity, ITenantOwned
{
    private CheckIn()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid BranchId { get; private set; }

    /// <summary>The subscription that let the member in; null when refused.</summary>
    public Guid? SubscriptionId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public CheckInMethod Method { get; private set; }

    public bool Allowed { get; private set; }

    /// <summary>Why the member was turned away (<see cref="CheckInDenial"/> codes), or null.</summary>
    public string? DenyReason { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }

    public static CheckIn Record(Guid memberId, Guid branchId, CheckInDecision decision, CheckInMethod method, DateTimeOffset at) => new()
    {
        MemberId = memberId,
        BranchId = branchId,
        SubscriptionId = decision.Subscription?.Id,
        Allowed = decision.Allowed,
        DenyReason = decision.Denial?.Code,
        Method = method,
        At = at,
    };

    public void CheckOut(DateTimeOffset at)
    {
        if (!Allowed || CheckedOutAt is not null)
        {
            throw new DomainRuleException("not-checked-in", "This visit is not open.");
        }

        CheckedOutAt = at;
    }
}
