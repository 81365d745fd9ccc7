using Liyaqa.Domain.CheckIns;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;

namespace Liyaqa.UnitTests;

public sealed class MembershipRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly Guid Member = Guid.NewGuid();
    private static readonly Guid MainBranch = Guid.NewGuid();
    private static readonly Guid OtherBranch = Guid.NewGuid();

    private static MembershipPlan Plan(PlanKind kind = PlanKind.TimeBased, int duration = 30, DurationUnit unit = DurationUnit.Days, int? visits = null,
        decimal price = 300m, bool includesVat = true, decimal joiningFee = 0m, PlanTerms? terms = null) =>
        MembershipPlan.Create(new PlanDetails("Plan", "باقة", kind, duration, unit, visits, price, includesVat, joiningFee,
            terms ?? new PlanTerms(true, [], null, null, null, 2, 7, 30)), Now);

    private static Subscription Sold(MembershipPlan? plan = null, DateOnly? start = null, decimal discount = 0) =>
        Subscription.Sell(Member, plan ?? Plan(), start ?? Today, discount, chargeJoiningFee: true, 0.15m, Now);

    [Fact]
    public void Prices_split_into_net_and_VAT_to_the_halala_whether_VAT_is_included_or_added()
    {
        Assert.Equal(new Charge(200m, 30m, 230m), Charge.Of(230m, includesVat: true, 0.15m));
        Assert.Equal(new Charge(230m, 34.50m, 264.50m), Charge.Of(230m, includesVat: false, 0.15m));
        var sold = Sold(Plan(price: 230m, joiningFee: 115m), discount: 23m);
        Assert.Equal(new Charge(280m, 42m, 322m), sold.Charge);
    }

    [Fact]
    public void A_period_ends_the_day_before_the_same_date_a_period_later()
    {
        Assert.Equal(new DateOnly(2026, 12, 25), Sold(Plan(duration: 30)).EndDate);
        Assert.Equal(new DateOnly(2027, 2, 25), Sold(Plan(duration: 3, unit: DurationUnit.Months)).EndDate);
        Assert.Equal(new DateOnly(2026, 12, 25), Sold(Plan(PlanKind.RecurringMonthly)).EndDate);
    }

    [Fact]
    public void Status_follows_the_subscriptions_through_the_whole_lifecycle()
    {
        Assert.Equal(MemberStatus.Lead, MemberStatusRules.Derive([], Today));
        var trial = Subscription.Trial(Member, Today, days: 3, visits: null, Now);
        Assert.Equal(MemberStatus.Trial, MemberStatusRules.Derive([trial], Today));
        Assert.Equal(MemberStatus.Lead, MemberStatusRules.Derive([trial], Today.AddDays(5)));

        var sub = Sold();
        Assert.Equal(MemberStatus.Active, MemberStatusRules.Derive([trial, sub], Today));
        sub.AddFreeze(Today.AddDays(2), Today.AddDays(10), Today, Now);
        Assert.Equal(MemberStatus.Frozen, MemberStatusRules.Derive([sub], Today.AddDays(3)));
        Assert.Equal(MemberStatus.Active, MemberStatusRules.Derive([sub], Today.AddDays(11)));
        Assert.Equal(MemberStatus.Expired, MemberStatusRules.Derive([sub], sub.EndDate.AddDays(1)));

        var upcoming = Sold(start: Today.AddDays(5));
        Assert.Equal(MemberStatus.Active, MemberStatusRules.Derive([upcoming], Today));

        var cancelled = Sold();
        cancelled.Cancel(atPeriodEnd: false, Today.AddDays(3));
        Assert.Equal(MemberStatus.Cancelled, MemberStatusRules.Derive([cancelled], Today.AddDays(3)));
    }

    [Fact]
    public void Cancelling_at_the_period_end_keeps_access_until_then_and_stops_renewal()
    {
        var monthly = Sold(Plan(PlanKind.RecurringMonthly));
        Assert.True(monthly.AutoRenew);
        monthly.Cancel(atPeriodEnd: true, Today.AddDays(1));

        Assert.False(monthly.AutoRenew);
        Assert.Equal(MemberStatus.Active, MemberStatusRules.Derive([monthly], monthly.EndDate));
        Assert.Equal(MemberStatus.Cancelled, MemberStatusRules.Derive([monthly], monthly.EndDate.AddDays(1)));
        Assert.Equal("subscription-cancelled", Assert.Throws<DomainRuleException>(() => monthly.Cancel(false, Today.AddDays(2))).Code);
    }

    [Fact]
    public void A_freeze_moves_the_end_by_its_days_and_unfreezing_early_gives_back_the_unused_days()
    {
        var sub = Sold();
        var end = sub.EndDate;
        var freeze = sub.AddFreeze(Today.AddDays(5), Today.AddDays(14), Today, Now);
        Assert.Equal(end.AddDays(10), sub.EndDate);

        sub.Unfreeze(freeze.Id, Today.AddDays(8));
        Assert.Equal(end.AddDays(3), sub.EndDate);
        Assert.Equal(Today.AddDays(7), Assert.Single(sub.Freezes).EndDate);
    }

    [Fact]
    public void A_freeze_that_has_not_started_can_be_dropped_entirely()
    {
        var sub = Sold();
        var end = sub.EndDate;
        var freeze = sub.AddFreeze(Today.AddDays(5), Today.AddDays(14), Today, Now);
        sub.Unfreeze(freeze.Id, Today.AddDays(1));
        Assert.Empty(sub.Freezes);
        Assert.Equal(end, sub.EndDate);
    }

    [Theory]
    [InlineData(0, 5, "freeze-length")]
    [InlineData(0, 40, "freeze-length")]
    [InlineData(45, 52, "freeze-outside-subscription")]
    public void Freezes_keep_to_the_plans_limits(int startOffset, int endOffset, string code)
    {
        var sub = Sold();
        Assert.Equal(code, Assert.Throws<DomainRuleException>(() => sub.AddFreeze(Today.AddDays(startOffset), Today.AddDays(endOffset), Today, Now)).Code);
    }

    [Fact]
    public void The_yearly_freeze_allowance_overlaps_and_plans_without_freezes_are_refused()
    {
        var sub = Sold(Plan(duration: 12, unit: DurationUnit.Months));
        sub.AddFreeze(Today.AddDays(10), Today.AddDays(20), Today, Now);
        Assert.Equal("freeze-overlap", Assert.Throws<DomainRuleException>(() => sub.AddFreeze(Today.AddDays(15), Today.AddDays(25), Today, Now)).Code);
        sub.AddFreeze(Today.AddDays(40), Today.AddDays(50), Today, Now);
        Assert.Equal("freeze-allowance-used", Assert.Throws<DomainRuleException>(() => sub.AddFreeze(Today.AddDays(80), Today.AddDays(90), Today, Now)).Code);

        var rigid = Sold(Plan(terms: new PlanTerms(true, [], null, null, null, 0, 0, 0)));
        Assert.Equal("freeze-not-allowed", Assert.Throws<DomainRuleException>(() => rigid.AddFreeze(Today.AddDays(1), Today.AddDays(10), Today, Now)).Code);
        Assert.Throws<DomainValidationException>(() => sub.AddFreeze(Today.AddDays(-1), Today.AddDays(10), Today, Now));
    }

    [Fact]
    public void Changing_plan_takes_the_unused_share_of_the_paid_period_off_the_new_price()
    {
        // 300 SAR for 30 days; after 10 days, 20 days are left: 200 SAR credit towards a 500 SAR plan.
        var current = Sold(Plan(price: 300m));
        var upgraded = Subscription.ChangePlan(current, Plan(price: 500m), Today.AddDays(10), 0.15m, Now);

        Assert.Equal(Today.AddDays(9), current.EndDate);
        Assert.Equal(200m, upgraded.Discount);
        Assert.Equal(300m, upgraded.Charge.Total);
        Assert.Equal(Today.AddDays(10), upgraded.StartDate);

        // A downgrade worth less than the credit costs nothing, and nothing is paid out.
        var other = Sold(Plan(price: 300m));
        var downgraded = Subscription.ChangePlan(other, Plan(price: 100m), Today, 0.15m, Now);
        Assert.Equal(0m, downgraded.Charge.Total);
    }

    [Fact]
    public void Frozen_days_do_not_count_as_used_when_prorating()
    {
        var current = Sold(Plan(price: 300m));
        current.AddFreeze(Today, Today.AddDays(9), Today, Now);
        Assert.Equal(300m, current.UnusedValue(Today.AddDays(10)));
    }

    private static CheckInDecision Decide(IReadOnlyList<Subscription> subscriptions, Guid? branch = null, TimeOnly? time = null, bool open = true,
        DateOnly? date = null, DateTimeOffset? lastIn = null) =>
        CheckInRules.Decide(new CheckInContext(subscriptions, branch ?? MainBranch, date ?? Today, time ?? new TimeOnly(9, 0), open, Now, lastIn, TimeSpan.FromMinutes(5)));

    [Fact]
    public void The_door_lets_in_a_member_with_a_subscription_in_force()
    {
        var sub = Sold();
        var decision = Decide([sub]);
        Assert.True(decision.Allowed);
        Assert.Same(sub, decision.Subscription);
    }

    [Fact]
    public void A_membership_suspended_for_an_unpaid_renewal_is_refused_at_the_door_until_resumed()
    {
        var sub = Sold();
        sub.Suspend("INV-2026-000009", Now);
        Assert.Equal(CheckInDenial.Suspended, Decide([sub]).Denial);

        sub.Resume("INV-2026-000009");
        Assert.True(Decide([sub]).Allowed);
    }

    [Fact]
    public void The_door_says_exactly_why_not()
    {
        var sub = Sold();
        Assert.Equal(CheckInDenial.NoActiveMembership, Decide([]).Denial);
        Assert.Equal(CheckInDenial.Expired, Decide([sub], date: sub.EndDate.AddDays(1)).Denial);
        sub.AddFreeze(Today, Today.AddDays(9), Today, Now);
        Assert.Equal(CheckInDenial.Frozen, Decide([sub]).Denial);

        var branchOnly = Sold(Plan(terms: new PlanTerms(false, [MainBranch], new TimeOnly(6, 0), new TimeOnly(12, 0), null, 0, 0, 0)));
        Assert.Equal(CheckInDenial.BranchNotIncluded, Decide([branchOnly], branch: OtherBranch).Denial);
        Assert.Equal(CheckInDenial.OutsideAccessHours, Decide([branchOnly], time: new TimeOnly(13, 0)).Denial);
        Assert.Equal(CheckInDenial.OutsideAccessHours, Decide([branchOnly], open: false).Denial);

        var pack = Sold(Plan(PlanKind.VisitPack, visits: 1));
        pack.UseVisit();
        Assert.Equal(CheckInDenial.NoVisitsLeft, Decide([pack]).Denial);
        Assert.Equal(CheckInDenial.AlreadyCheckedIn, Decide([Sold()], lastIn: Now.AddMinutes(-2)).Denial);
        Assert.True(Decide([Sold()], lastIn: Now.AddMinutes(-6)).Allowed);
    }

    [Fact]
    public void Access_hours_may_run_past_midnight()
    {
        var night = new PlanTerms(true, [], new TimeOnly(22, 0), new TimeOnly(6, 0), null, 0, 0, 0);
        Assert.True(night.AllowsTime(new TimeOnly(23, 30)));
        Assert.True(night.AllowsTime(new TimeOnly(5, 59)));
        Assert.False(night.AllowsTime(new TimeOnly(12, 0)));
    }

    [Fact]
    public void An_unlimited_subscription_is_used_before_a_visit_pack()
    {
        var pack = Sold(Plan(PlanKind.VisitPack, visits: 10));
        var unlimited = Sold();
        Assert.Same(unlimited, Decide([pack, unlimited]).Subscription);
    }

    [Theory]
    [InlineData("أحمد", "احمد")]
    [InlineData("إيمان", "ايمان")]
    [InlineData("فاطمة", "فاطمه")]
    [InlineData("مُصْطَفَى", "مصطفي")]
    [InlineData("  José  GARCÍA ", "jose garcia")]
    [InlineData("عـــلي", "علي")]
    public void Search_text_folds_case_accents_diacritics_and_Arabic_letter_variants(string input, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(input));

    [Fact]
    public void Members_need_a_name_a_valid_contact_and_keep_their_national_id_out_of_lists()
    {
        var invalid = Assert.Throws<DomainValidationException>(() => Domain.Members.Member.Create(1,
            new MemberDetails(null, null, null, null, "not-an-email", "0512", Gender.Male, null, null, null, null, null, null, null, "fr"), null, Now));
        Assert.Equal(["email", "firstNameEn", "language", "phone"], invalid.Errors.Keys.Order());

        var member = Domain.Members.Member.Create(42, new MemberDetails("Sara", "Al-Harbi", "سارة", "الحربي", "Sara@Example.com", "0551234567",
            Gender.Female, new DateOnly(1995, 4, 1), "1023456789", null, null, null, ["vip"], null, "ar"), "walk-in", Now);
        Assert.Equal(("M-000042", "sara@example.com", "+966551234567"), (member.DisplayNumber, member.Email, member.Phone));
        Assert.Equal("••••••6789", member.MaskedNationalId);
        Assert.Contains("الحربي", member.SearchText, StringComparison.Ordinal);
        Assert.Contains("966551234567", member.SearchText, StringComparison.Ordinal);
    }
}
