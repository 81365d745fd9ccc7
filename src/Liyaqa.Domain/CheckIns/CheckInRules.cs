using Liyaqa.Domain.Memberships;

namespace Liyaqa.Domain.CheckIns;

/// <summary>Why a member was not let in: a stable code for apps, and what the front desk tells the member.</summary>
public sealed record CheckInDenial(string Code, string MessageEn, string MessageAr)
{
    public static readonly CheckInDenial NoActiveMembership = new("no-active-membership", "No active membership.", "لا توجد عضوية سارية.");
    public static readonly CheckInDenial Frozen = new("membership-frozen", "The membership is frozen today.", "العضوية مجمدة اليوم.");
    public static readonly CheckInDenial Expired = new("membership-expired", "The membership has expired.", "انتهت العضوية.");
    public static readonly CheckInDenial BranchNotIncluded = new("branch-not-included", "The membership does not include this branch.", "العضوية لا تشمل هذا الفرع.");
    public static readonly CheckInDenial OutsideAccessHours = new("outside-access-hours", "Outside the membership's access hours or the branch's opening hours.", "خارج ساعات الدخول المسموحة أو ساعات عمل الفرع.");
    public static readonly CheckInDenial NoVisitsLeft = new("no-visits-left", "No visits are left on the pack.", "لم يتبقَ أي زيارات في الباقة.");
    public static readonly CheckInDenial AlreadyCheckedIn = new("already-checked-in", "Already checked in a few minutes ago.", "تم تسجيل الدخول قبل دقائق.");

    public static IReadOnlyList<CheckInDenial> All { get; } = [NoActiveMembership, Frozen, Expired, BranchNotIncluded, OutsideAccessHours, NoVisitsLeft, AlreadyCheckedIn];
}

/// <summary>The outcome: allowed on a subscription, or denied for one reason.</summary>
public sealed record CheckInDecision(Subscription? Subscription, CheckInDenial? Denial)
{
    public bool Allowed => Denial is null;

    public static CheckInDecision Deny(CheckInDenial denial) => new(null, denial);
}

/// <summary>Everything the decision needs, in the branch's local time.</summary>
public sealed record CheckInContext(
    IReadOnlyList<Subscription> Subscriptions,
    Guid BranchId,
    DateOnly LocalDate,
    TimeOnly LocalTime,
    bool BranchOpen,
    DateTimeOffset Now,
    DateTimeOffset? LastAllowedCheckIn,
    TimeSpan RepeatWindow);

/// <summary>
/// Decides at the door, in this order: a subscription in force today (else frozen, expired, or none at
/// all), one covering this branch, within its access hours and the branch's opening hours, with visits
/// left, and not a repeat within the window. Unlimited subscriptions are used before visit packs, so
/// entries are not spent needlessly.
/// </summary>
public static class CheckInRules
{
    public static CheckInDecision Decide(CheckInContext context)
    {
        var inForce = context.Subscriptions.Where(s => s.IsInForceOn(context.LocalDate)).ToList();
        var usable = inForce.Where(s => !s.IsFrozenOn(context.LocalDate)).ToList();
        if (usable.Count == 0)
        {
            return CheckInDecision.Deny(
                inForce.Count > 0 ? CheckInDenial.Frozen
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
