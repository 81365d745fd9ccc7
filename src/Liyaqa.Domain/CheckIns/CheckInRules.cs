
namespace Liyaqa.Domain.CheckIns;

/// <summary>
/// Decides at the door, in this order: a subscription in force today (else suspended for an unpaid renewal, frozen, expired, or none at
/// all), one covering this branch, within its access hours and the branch's opening hours, with visits
/// left, and not a repeat within the window. Unlimited subscriptions are used before visit packs, so
/// entries are not spent needlessly.
/// </summary>
public static class CheckInRules
{
    public static CheckInDecision Decide(CheckInContext context)
    {
        var inForce = context.Subscriptions.Where(s => s.IsInForceOn(context.LocalDate)).ToList();
        var unfrozen = inForce.Where(s => !s.IsFrozenOn(context.LocalDate)).ToList();
        var usable = unfrozen.Where(s => !s.IsSuspended).ToList();
        if (usable.Count == 0)
        {
            return CheckInDecision.Deny(
                unfrozen.Count > 0 ? CheckInDenial.Suspended
                : inForce.Count > 0 ? CheckInDenial.Frozen
                : context.Subscriptions.Any(s => s.EndDate < context.LocalDate && s.EndDate >= s.StartDate) ? CheckInDenial.Expired
                : CheckInDenial.NoActiveMembership);
        }

        var here = usable.Where(s => s.Terms.CoversBranch(context.BranchId)).ToList();
        if (here.Count == 0)
        {
            return CheckInDecision.Deny(CheckInDenial.BranchNotIncluded);
        }

        var now = context.BranchOpen ? here.Where(s => s.Terms.AllowsTime(context.LocalTime)).ToList() : [];
        if (now.Count == 0)
        {
            return CheckInDecision.Deny(CheckInDenial.OutsideAccessHours);
        }

        var withVisits = now.Where(s => s.VisitsLeft is null or > 0).ToList();
        if (withVisits.Count == 0)
        {
            return CheckInDecision.Deny(CheckInDenial.NoVisitsLeft);
        }

        if (context.LastAllowedCheckIn is { } last && context.Now - last < context.RepeatWindow)
        {
            return CheckInDecision.Deny(CheckInDenial.AlreadyCheckedIn);
        }

        var chosen = withVisits.OrderBy(s => s.VisitsLeft is null ? 0 : 1).ThenBy(s => s.EndDate).First();
        return new CheckInDecision(chosen, null);
    }
}
