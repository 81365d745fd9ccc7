using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

/// <summary>A membership a club sells: its kind, length, price in the club's currency, and the terms members get.</summary>
public sealed class MembershipPlan : Entity, ITenantOwned
{
    private MembershipPlan()
    {
    }

    public Guid TenantId { get; private set; }

    public string NameEn { get; private set; } = string.Empty;

    public string NameAr { get; private set; } = string.Empty;

    public PlanKind Kind { get; private set; }

    public int Duration { get; private set; }

    public DurationUnit DurationUnit { get; private set; }

    /// <summary>Entries in a visit pack; null for unlimited access.</summary>
    public int? Visits { get; private set; }

    public decimal Price { get; private set; }

    /// <summary>True when <see cref="Price"/> already contains VAT (Saudi retail prices usually do).</summary>
    public bool PriceIncludesVat { get; private set; }

    public decimal JoiningFee { get; private set; }

    public PlanTerms Terms { get; private set; } = null!;

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public string NameIn(string language) => language == Languages.Arabic && NameAr.Length > 0 ? NameAr : NameEn;

    public static MembershipPlan Create(PlanDetails details, DateTimeOffset now)
    {
        var plan = new MembershipPlan { CreatedAt = now };
        plan.Apply(details);
        plan.Audit(AuditActions.PlanCreated, new { plan.NameEn });
        return plan;
    }

    public void Update(PlanDetails details)
    {
        Apply(details);
        Audit(AuditActions.PlanUpdated);
    }

    public void SetActive(bool active)
    {
        IsActive = active;
        Audit(AuditActions.PlanUpdated, new { active });
    }

    /// <summary>The last day of a period that starts on <paramref name="start"/>.</summary>
    public DateOnly PeriodEnd(DateOnly start) => (Kind == PlanKind.RecurringMonthly ? start.AddMonths(1) : DurationUnit == DurationUnit.Months ? start.AddMonths(Duration) : start.AddDays(Duration)).AddDays(-1);

    /// <summary>Net, VAT and total of <paramref name="amount"/> at <paramref name="vatRate"/>, rounded to halalas.</summary>
    public Charge ChargeFor(decimal amount, decimal vatRate) => Charge.Of(amount, PriceIncludesVat, vatRate);

    private void Apply(PlanDetails details)
    {
        var terms = details.Terms ?? new PlanTerms(true, [], null, null, null, 0, 0, 0);
        new DomainErrors()
            .Check(details.NameEn?.Trim().Length is > 0 and <= 100, "nameEn", "An English name of 1-100 characters is required.")
            .Check(details.NameAr?.Trim().Length is > 0 and <= 100, "nameAr", "An Arabic name of 1-100 characters is required.")
            .Check(details.Kind == PlanKind.RecurringMonthly || details.Duration is >= 1 and <= 3660, "duration", "A duration of 1 or more days or months is required.")
            .Check(details.DurationUnit == DurationUnit.Days || details.Duration <= 120, "duration", "At most 120 months.")
            .Check(details.Kind != PlanKind.VisitPack || details.Visits is >= 1 and <= 1000, "visits", "A visit pack has 1-1000 visits.")
            .Check(details.Kind == PlanKind.VisitPack || details.Visits is null, "visits", "Only visit packs count visits.")
            .Check(details.Price is >= 0 and <= 1_000_000 && decimal.Round(details.Price, 2) == details.Price, "price", "A price from 0 with at most two decimals is required.")
            .Check(details.JoiningFee is >= 0 and <= 100_000 && decimal.Round(details.JoiningFee, 2) == details.JoiningFee, "joiningFee", "A joining fee from 0 with at most two decimals.")
            .Check(terms.AllBranches || terms.BranchIds is { Count: > 0 }, "terms.branchIds", "List the branches the plan gives access to, or allow all branches.")
            .Check((terms.AccessFrom is null) == (terms.AccessUntil is null), "terms.accessFrom", "Give both ends of the access hours, or neither.")
            .Check(terms.AccessFrom is null || terms.AccessFrom != terms.AccessUntil, "terms.accessUntil", "Access hours must not start and end at the same time.")
            .Check(terms.ClassCredits is null or >= 0, "terms.classCredits", "Class credits cannot be negative.")
            .Check(terms.MaxFreezesPerYear is >= 0 and <= 12, "terms.maxFreezesPerYear", "0-12 freezes a year.")
            .Check(terms.MaxFreezesPerYear == 0 || (terms.MinFreezeDays >= 1 && terms.MaxFreezeDays >= terms.MinFreezeDays && terms.MaxFreezeDays <= 365), "terms.maxFreezeDays", "Freezes last from a minimum of at least 1 day to a maximum of up to 365 days.")
            .ThrowIfAny();

        NameEn = details.NameEn!.Trim();
        NameAr = details.NameAr!.Trim();
        Kind = details.Kind;
        Duration = details.Kind == PlanKind.RecurringMonthly ? 1 : details.Duration;
        DurationUnit = details.Kind == PlanKind.RecurringMonthly ? DurationUnit.Months : details.DurationUnit;
        Visits = details.Visits;
        Price = details.Price;
        PriceIncludesVat = details.PriceIncludesVat;
        JoiningFee = details.JoiningFee;
        Terms = terms with { BranchIds = terms.AllBranches ? [] : terms.BranchIds.Distinct().ToList() };
    }
}
