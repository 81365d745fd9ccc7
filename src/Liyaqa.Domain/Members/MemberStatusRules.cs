using Liyaqa.Domain.Memberships;

namespace Liyaqa.Domain.Members;

/// <summary>
/// A member's status, always derived from their subscriptions on a given day so it never disagrees with them:
/// a subscription in force makes them active (frozen on a frozen day, trial on a trial pass); one that starts
/// later counts as active; otherwise the last one decides — cancelled or expired — and a person who never
/// bought more than a trial is still a lead.
/// </summary>
public static class MemberStatusRules
{
    public static MemberStatus Derive(IEnumerable<Subscription> subscriptions, DateOnly today)
    {
        var all = subscriptions.ToList();
        var inForce = all.Where(s => s.IsInForceOn(today)).ToList();
        if (inForce.Any(s => !s.IsTrial && !s.IsFrozenOn(today)))
        {
            return MemberStatus.Active;
        }

        if (inForce.Any(s => !s.IsTrial))
        {
            return MemberStatus.Frozen;
        }

        if (inForce.Count > 0)
        {
            return MemberStatus.Trial;
        }

        if (all.Any(s => !s.IsTrial && s.StartDate > today && s.EndDate >= s.StartDate))
        {
            return MemberStatus.Active;
        }

        var last = all.Where(s => !s.IsTrial).MaxBy(s => s.EndDate);
        return last switch
        {
            null => MemberStatus.Lead,
            { IsCancelled: true } => MemberStatus.Cancelled,
            _ => MemberStatus.Expired,
        };
    }
}
