using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

/// <summary>
/// A plan sold to a member (or a trial pass): the days it runs, what was charged, what is left of it
/// (visits, class credits) and its freezes. Dates are the club's local calendar days, both ends included.
/// </summary>
public sealed class Subscription : Entity, ITenantOwned
{
    private readonly List<Freeze> _freezes = [];

    private Subscription()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The plan sold; null for a trial pass.</summary>
    public Guid? PlanId { get; private set; }

    public bool IsTrial => PlanId is null;

    public string PlanNameEn { get; private set; } = string.Empty;

    public string PlanNameAr { get; private set; } = string.Empty;

    public PlanKind Kind { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>The last day before any freeze moved it.</summary>
    public DateOnly BaseEndDate { get; private set; }

    /// <summary>The last day the subscription may be used: <see cref="BaseEndDate"/> plus every frozen day.</summary>
    public DateOnly EndDate { get; private set; }

    public int? VisitsLeft { get; private set; }

    public int? ClassCreditsLeft { get; private set; }

    public PlanTerms Terms { get; private set; } = null!;

    /// <summary>What the member owes for it (after discount, with joining fee); the billing feature invoices this.</summary>
    public Charge Charge { get; private set; } = Charge.Zero;

    public decimal Discount { get; private set; }

    /// <summary>Renews itself at its end (monthly plans) until cancelled.</summary>
    public bool AutoRenew { get; private set; }

    /// <summary>The day staff or the member cancelled it; access ends then (cancel now) or at its end.</summary>
    public DateOnly? CancelledOn { get; private set; }

    /// <summary>Which reminders went out (<c>expiring-7</c>, <c>expiring-1</c>, <c>expired</c>), so none is sent twice.</summary>
    public string[] NoticesSent { get; private set; } = [];

    public IReadOnlyList<Freeze> Freezes => _freezes;

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsCancelled => CancelledOn is not null;

    public bool IsInForceOn(DateOnly day) => day >= StartDate && day <= EndDate;

    public bool IsFrozenOn(DateOnly day) => _freezes.Any(f => f.Covers(day));

    /// <summary>When the membership was suspended because its renewal could not be collected; null while in good standing.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    /// <summary>Every attempt to collect the renewal's invoice failed: check-in and booking refuse it until it is paid.</summary>
    public void Suspend(string invoiceNumber, DateTimeOffset now)
    {
        SuspendedAt ??= now;
        Audit(AuditActions.SubscriptionSuspended, new { invoice = invoiceNumber });
    }

    public void Resume(string invoiceNumber)
    {
        SuspendedAt = null;
        Audit(AuditActions.SubscriptionResumed, new { invoice = invoiceNumber });
    }

    public string PlanNameIn(string language) => language == Languages.Arabic && PlanNameAr.Length > 0 ? PlanNameAr : PlanNameEn;

    /// <summary>Sells <paramref name="plan"/> from <paramref name="start"/>, with a discount off the plan's price (not off the joining fee).</summary>
    public static Subscription Sell(Guid memberId, MembershipPlan plan, DateOnly start, decimal discount, bool chargeJoiningFee, decimal vatRate, DateTimeOffset now)
    {
        new DomainErrors()
            .Check(discount >= 0 && discount <= plan.Price && decimal.Round(discount, 2) == discount, "discount", "A discount from 0 up to the plan's price, with at most two decimals.")
            .ThrowIfAny();
        if (!plan.IsActive)
        {
            throw new DomainRuleException("plan-inactive", "The plan is no longer on sale.");
        }

        var period = plan.ChargeFor(plan.Price - discount, vatRate);
        var charge = period + (chargeJoiningFee ? plan.ChargeFor(plan.JoiningFee, vatRate) : Charge.Zero);
        var end = plan.PeriodEnd(start);
        var subscription = new Subscription
        {
            MemberId = memberId,
            PlanId = plan.Id,
            PlanNameEn = plan.NameEn,
            PlanNameAr = plan.NameAr,
            Kind = plan.Kind,
            StartDate = start,
            BaseEndDate = end,
            EndDate = end,
            VisitsLeft = plan.Visits,
            VisitsTotal = plan.Visits,
            ClassCreditsLeft = plan.Terms.ClassCredits,
            Terms = plan.Terms,
            Charge = charge,
            PeriodPrice = period.Total,
            Discount = discount,
            AutoRenew = plan.Kind == PlanKind.RecurringMonthly,
            CreatedAt = now,
        };
        subscription.Audit(AuditActions.SubscriptionSold, new { memberId, planId = plan.Id, start, end, charge.Total });
        return subscription;
    }

    /// <summary>
    /// Moves a member from <paramref name="current"/> to <paramref name="plan"/> today (upgrade or downgrade):
    /// the current subscription ends yesterday, and the unused value of its paid period is taken off the new
    /// plan's price. Value beyond the new price is not paid out; no joining fee is charged again.
    /// </summary>
    public static Subscription ChangePlan(Subscription current, MembershipPlan plan, DateOnly today, decimal vatRate, DateTimeOffset now)
    {
        if (current.IsTrial || current.IsCancelled || current.EndDate < today)
        {
            throw new DomainRuleException("subscription-not-changeable", "Only a running, uncancelled subscription can change plan.");
        }

        var credit = current.UnusedValue(today);
        var creditOnPrice = plan.PriceIncludesVat ? credit : decimal.Round(credit / (1 + vatRate), 2);
        current.EndForPlanChange(today);
        return Sell(current.MemberId, plan, today, Math.Min(plan.Price, creditOnPrice), chargeJoiningFee: false, vatRate, now);
    }

    /// <summary>A free trial pass: a number of days, or a number of visits within a week.</summary>
    public static Subscription Trial(Guid memberId, DateOnly start, int? days, int? visits, DateTimeOffset now)
    {
        new DomainErrors()
            .Check(days is null != visits is null, "days", "Give the trial's days or its visits.")
            .Check(days is null or (>= 1 and <= 30), "days", "A trial lasts 1-30 days.")
            .Check(visits is null or (>= 1 and <= 10), "visits", "A trial has 1-10 visits.")
            .ThrowIfAny();
        var end = start.AddDays((days ?? 7) - 1);
        var trial = new Subscription
        {
            MemberId = memberId,
            PlanNameEn = "Trial pass",
            PlanNameAr = "تجربة مجانية",
            Kind = visits is null ? PlanKind.TimeBased : PlanKind.VisitPack,
            StartDate = start,
            BaseEndDate = end,
            EndDate = end,
            VisitsLeft = visits,
            VisitsTotal = visits,
            ClassCreditsLeft = 0,
            Terms = new PlanTerms(true, [], null, null, 0, 0, 0, 0),
            CreatedAt = now,
        };
        trial.Audit(AuditActions.SubscriptionSold, new { memberId, trial = true, start, end });
        return trial;
    }

    /// <summary>
    /// Freezes from <paramref name="start"/> to <paramref name="end"/> (may lie ahead). The plan's terms
    /// decide: freezes allowed per 12 months, shortest and longest freeze; freezes may not overlap and must
    /// start while the subscription runs.
    /// </summary>
    public Freeze AddFreeze(DateOnly start, DateOnly end, DateOnly today, DateTimeOffset now)
    {
        var days = end.DayNumber - start.DayNumber + 1;
        new DomainErrors()
            .Check(end >= start, "endDate", "The freeze must end on or after its first day.")
            .Check(start >= today, "startDate", "A freeze cannot start in the past.")
            .ThrowIfAny();
        Refuse(IsTrial || Terms.MaxFreezesPerYear == 0, "freeze-not-allowed", "This membership cannot be frozen.");
        Refuse(IsCancelled, "subscription-cancelled", "The subscription is cancelled.");
        Refuse(start < StartDate || start > EndDate, "freeze-outside-subscription", $"A freeze must start between {StartDate:yyyy-MM-dd} and {EndDate:yyyy-MM-dd}.");
        Refuse(days < Terms.MinFreezeDays || days > Terms.MaxFreezeDays, "freeze-length", $"A freeze lasts {Terms.MinFreezeDays}-{Terms.MaxFreezeDays} days; this one is {days}.");
        Refuse(_freezes.Any(f => f.StartDate <= end && start <= f.EndDate), "freeze-overlap", "The dates overlap another freeze.");
        var inYear = _freezes.Count(f => f.StartDate > start.AddYears(-1) && f.StartDate <= start.AddYears(1));
        Refuse(inYear >= Terms.MaxFreezesPerYear, "freeze-allowance-used", $"The plan allows {Terms.MaxFreezesPerYear} freeze(s) a year, and they are used.");

        var freeze = new Freeze(Guid.CreateVersion7(), start, end, now);
        _freezes.Add(freeze);
        MoveEnd();
        Audit(AuditActions.SubscriptionFrozen, new { start, end, days });
        return freeze;
    }

    /// <summary>Ends a running freeze today (the member is back from today) or drops one that has not started.</summary>
    public void Unfreeze(Guid freezeId, DateOnly today)
    {
        var freeze = _freezes.SingleOrDefault(f => f.Id == freezeId) ?? throw new DomainRuleException("freeze-not-found", "No such freeze on this subscription.");
        Refuse(freeze.EndDate < today, "freeze-over", "The freeze is already over.");
        _freezes.Remove(freeze);
        if (freeze.StartDate < today)
        {
            _freezes.Add(freeze with { EndDate = today.AddDays(-1) });
        }

        MoveEnd();
        Audit(AuditActions.SubscriptionUnfrozen, new { freezeId, back = today });
    }

    /// <summary>Cancels now (access ends today, nothing after) or at the end of the paid period (no renewal).</summary>
    public void Cancel(bool atPeriodEnd, DateOnly today)
    {
        Refuse(IsCancelled, "subscription-cancelled", "The subscription is already cancelled.");
        Refuse(EndDate < today, "subscription-ended", "The subscription has already ended.");
        CancelledOn = today;
        AutoRenew = false;
        if (!atPeriodEnd)
        {
            // Access ends now: yesterday becomes the last day, and later freezes no longer matter.
            _freezes.RemoveAll(f => f.StartDate >= today);
            EndDate = BaseEndDate = today.AddDays(-1) < StartDate ? StartDate.AddDays(-1) : today.AddDays(-1);
        }

        Audit(AuditActions.SubscriptionCancelled, new { atPeriodEnd, on = today });
    }

    /// <summary>Ends the subscription early because it was replaced by another plan (upgrade or downgrade).</summary>
    public void EndForPlanChange(DateOnly today)
    {
        CancelledOn = today;
        AutoRenew = false;
        _freezes.RemoveAll(f => f.StartDate >= today);
        EndDate = BaseEndDate = today.AddDays(-1) < StartDate ? StartDate.AddDays(-1) : today.AddDays(-1);
        Audit(AuditActions.SubscriptionPlanChanged, new { on = today });
    }

    /// <summary>
    /// What the unused part is worth when the member changes plan today: the price paid for the period
    /// (without joining fee) in proportion to the unfrozen days left, or to the visits left of a pack.
    /// </summary>
    public decimal UnusedValue(DateOnly today)
    {
        if (IsTrial || EndDate < today)
        {
            return 0;
        }

        if (Kind == PlanKind.VisitPack && VisitsTotal is > 0 && VisitsLeft is { } visitsLeft)
        {
            return decimal.Round(PeriodPrice * visitsLeft / VisitsTotal.Value, 2);
        }

        var paidDays = BaseEndDate.DayNumber - StartDate.DayNumber + 1;
        var frozenSoFar = _freezes.Where(f => f.StartDate < today).Sum(f => Math.Min(f.Days, today.DayNumber - f.StartDate.DayNumber));
        var usedDays = Math.Max(0, today.DayNumber - StartDate.DayNumber - frozenSoFar);
        return decimal.Round(PeriodPrice * Math.Max(0, paidDays - usedDays) / paidDays, 2);
    }

    /// <summary>The total charged for the period itself (after discount, without joining fee).</summary>
    public decimal PeriodPrice { get; private set; }

    /// <summary>Visits the pack started with.</summary>
    public int? VisitsTotal { get; private set; }

    /// <summary>Uses one entry of a visit pack.</summary>
    public void UseVisit()
    {
        if (VisitsLeft is { } left)
        {
            VisitsLeft = left - 1;
        }
    }

    /// <summary>Holds one class credit for a booking; plans without credits (null) book without limit.</summary>
    public void UseClassCredit()
    {
        if (ClassCreditsLeft is { } left)
        {
            ClassCreditsLeft = left - 1;
        }
    }

    public void ReturnClassCredit()
    {
        if (ClassCreditsLeft is { } left)
        {
            ClassCreditsLeft = left + 1;
        }
    }

    public bool HasSent(string notice) => NoticesSent.Contains(notice);

    public void RecordNotice(string notice) => NoticesSent = [.. NoticesSent, notice];

    private void MoveEnd() => EndDate = BaseEndDate.AddDays(_freezes.Sum(f => f.Days));

    private static void Refuse(bool refused, string code, string message)
    {
        if (refused)
        {
            throw new DomainRuleException(code, message);
        }
    }
}
