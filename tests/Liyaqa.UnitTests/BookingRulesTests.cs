using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Memberships;

namespace Liyaqa.UnitTests;

public sealed class BookingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly Guid Branch = Guid.NewGuid();
    private static readonly BookingPolicy Policy = BookingPolicy.Default();
    private static readonly ClassType Cycling = ClassType.Create(new ClassTypeDetails("Cycling", "دراجات", null, 45, 10, "#FF8800", "all"));

    private static ClassSession Session(TimeSpan startsIn) => ClassSession.Schedule(Cycling, Branch, null, null, Now + startsIn, null, Now);

    private static Subscription Sold(int? classCredits = null, bool allBranches = true) => Subscription.Sell(Guid.NewGuid(),
        MembershipPlan.Create(new PlanDetails("Plan", "باقة", PlanKind.TimeBased, 30, DurationUnit.Days, null, 300m, true, 0m,
            new PlanTerms(allBranches, allBranches ? [] : [Guid.NewGuid()], null, null, classCredits, 1, 3, 10)), Now),
        DateOnly.FromDateTime(Now.Date), 0, false, 0.15m, Now);

    private static string Refusal(ClassSession session, IReadOnlyList<Subscription> subscriptions, int future = 0, bool booked = false) =>
        Assert.Throws<DomainRuleException>(() => BookingRules.Check(session, subscriptions, DateOnly.FromDateTime(session.StartsAt.Date), future, booked, Policy, Now)).Code;

    [Fact]
    public void A_member_with_a_membership_books_inside_the_window()
    {
        var subscription = Sold();
        Assert.Same(subscription, BookingRules.Check(Session(TimeSpan.FromDays(1)), [subscription], DateOnly.FromDateTime(Now.Date.AddDays(1)), 0, false, Policy, Now));
    }

    [Fact]
    public void Each_booking_rule_refuses_with_its_code()
    {
        var session = Session(TimeSpan.FromDays(1));
        Assert.Equal("booking-not-open", Refusal(Session(TimeSpan.FromDays(8)), [Sold()]));
        Assert.Equal("booking-closed", Refusal(Session(TimeSpan.FromMinutes(10)), [Sold()]));
        Assert.Equal("already-booked", Refusal(session, [Sold()], booked: true));
        Assert.Equal("booking-limit", Refusal(session, [Sold()], future: Policy.MaxFutureBookings));
        Assert.Equal("no-membership-for-class", Refusal(session, []));
        Assert.Equal("no-membership-for-class", Refusal(session, [Sold(allBranches: false)]));
        var suspended = Sold();
        suspended.Suspend("INV-2026-000009", Now);
        Assert.Equal("membership-suspended-unpaid", Refusal(session, [suspended]));
        var frozen = Sold();
        frozen.AddFreeze(DateOnly.FromDateTime(Now.Date), DateOnly.FromDateTime(Now.Date.AddDays(5)), DateOnly.FromDateTime(Now.Date), Now);
        Assert.Equal("no-membership-for-class", Refusal(session, [frozen]));
        Assert.Equal("no-class-credits", Refusal(session, [Sold(classCredits: 0)]));
        var threeMissed = new[] { Now.AddDays(-10), Now.AddDays(-5), Now.AddDays(-2) };
        Assert.Equal("no-show-blocked", Assert.Throws<DomainRuleException>(() =>
            BookingRules.Check(session, [Sold()], DateOnly.FromDateTime(session.StartsAt.Date), 0, false, Policy, Now, threeMissed)).Code);
        Assert.NotNull(BookingRules.Check(session, [Sold()], DateOnly.FromDateTime(session.StartsAt.Date), 0, false, Policy, Now, threeMissed[..2]));
        session.Cancel();
        Assert.Equal("session-cancelled", Refusal(session, [Sold()]));
    }

    [Fact]
    public void Unlimited_classes_are_used_before_credits_and_a_late_cancellation_keeps_the_place_counted()
    {
        var credits = Sold(classCredits: 5);
        var unlimited = Sold();
        Assert.Same(unlimited, BookingRules.Check(Session(TimeSpan.FromDays(1)), [credits, unlimited], DateOnly.FromDateTime(Now.Date.AddDays(1)), 0, false, Policy, Now));

        var booking = Booking.Take(Guid.NewGuid(), Guid.NewGuid(), credits.Id, seatFree: true, Now);
        booking.Cancel(late: true, Now);
        Assert.Equal(BookingStatus.LateCancelled, booking.Status);
        var waiting = Booking.Take(Guid.NewGuid(), Guid.NewGuid(), null, seatFree: false, Now);
        waiting.Cancel(late: true, Now);
        Assert.Equal(BookingStatus.Cancelled, waiting.Status);
        Assert.Equal("booking-not-active", Assert.Throws<DomainRuleException>(() => waiting.Cancel(false, Now)).Code);
    }
}
