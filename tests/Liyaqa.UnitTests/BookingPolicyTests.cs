using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;

namespace Liyaqa.UnitTests;

public sealed class BookingPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly ClassType Yoga = ClassType.Create(new ClassTypeDetails("Yoga", "يوغا", null, 60, 10, null, null));

    private static BookingPolicy With(LateCancelPenalty penalty, decimal lateFee = 0, decimal noShowFee = 0)
    {
        var policy = BookingPolicy.Default();
        policy.Change(policy.Details with { LateCancelPenalty = penalty, LateCancelFee = lateFee, NoShowFee = noShowFee });
        return policy;
    }

    [Fact]
    public void The_default_policy_keeps_the_credit_of_a_late_cancellation_and_charges_nothing()
    {
        var policy = BookingPolicy.Default();
        var session = ClassSession.Schedule(Yoga, Guid.NewGuid(), null, null, Now.AddHours(1), null, Now);
        Assert.True(policy.IsLateCancellation(session, Now));
        Assert.False(policy.IsLateCancellation(session, Now.AddHours(-2)));
        Assert.False(policy.ReturnsCredit(lateCancellation: true));
        Assert.True(policy.ReturnsCredit(lateCancellation: false));
        Assert.Equal(0m, policy.CancellationFee(lateCancellation: true));
    }

    [Fact]
    public void A_fee_penalty_returns_the_credit_and_charges_the_fee_only_when_late()
    {
        var policy = With(LateCancelPenalty.Fee, lateFee: 57.50m);
        Assert.True(policy.ReturnsCredit(lateCancellation: true));
        Assert.Equal(57.50m, policy.CancellationFee(lateCancellation: true));
        Assert.Equal(0m, policy.CancellationFee(lateCancellation: false));

        var none = With(LateCancelPenalty.None);
        Assert.True(none.ReturnsCredit(lateCancellation: true));
        Assert.Equal(0m, none.CancellationFee(lateCancellation: true));
    }

    [Fact]
    public void Nonsense_settings_are_refused_field_by_field()
    {
        var policy = BookingPolicy.Default();
        var refused = Assert.Throws<DomainValidationException>(() => policy.Change(policy.Details with
        {
            OpensBeforeDays = 0,
            ClosesBeforeMinutes = 60,
            PromotionClosesBeforeMinutes = 30,
            LateCancelPenalty = LateCancelPenalty.Fee,
            LateCancelFee = 0,
            NoShowFee = 1.234m,
        }));
        Assert.Equal(["lateCancelFee", "noShowFee", "opensBeforeDays", "promotionClosesBeforeMinutes"], refused.Errors.Keys.Order());
        Assert.Equal(7, policy.OpensBeforeDays);
    }

    [Fact]
    public void A_fee_line_splits_the_VAT_out_of_the_fee_and_is_waived_once_with_a_reason()
    {
        Assert.Null(MemberCharge.Raise(Guid.NewGuid(), Guid.NewGuid(), ChargeReason.NoShow, 0m, 0.15m, Now));
        var charge = MemberCharge.Raise(Guid.NewGuid(), Guid.NewGuid(), ChargeReason.NoShow, 57.50m, 0.15m, Now)!;
        Assert.Equal((50.00m, 7.50m, 57.50m), (charge.Amount.Net, charge.Amount.Vat, charge.Amount.Total));
        Assert.Equal(ChargeStatus.Open, charge.Status);

        Assert.Throws<DomainValidationException>(() => charge.Waive(" ", Now));
        charge.Waive("First time; explained at the desk", Now);
        Assert.Equal(ChargeStatus.Waived, charge.Status);
        Assert.Equal("charge-not-open", Assert.Throws<DomainRuleException>(() => charge.Waive("again", Now)).Code);
    }

    [Fact]
    public void A_full_class_takes_waitlist_places_only_until_the_promotion_cut_off_and_an_expired_place_is_final()
    {
        var policy = BookingPolicy.Default();
        var session = ClassSession.Schedule(Yoga, Guid.NewGuid(), null, null, Now.AddMinutes(45), null, Now);
        BookingRules.RequireWaitlistOpen(session, policy, Now);
        Assert.Equal("waitlist-closed", Assert.Throws<DomainRuleException>(() => BookingRules.RequireWaitlistOpen(session, policy, Now.AddMinutes(20))).Code);
        session.CloseWaitlist(Now);
        Assert.Equal("waitlist-closed", Assert.Throws<DomainRuleException>(() => BookingRules.RequireWaitlistOpen(session, policy, Now)).Code);

        var waiting = Booking.Take(session.Id, Guid.NewGuid(), null, seatFree: false, Now);
        waiting.ExpireFromWaitlist(Now);
        Assert.Equal(BookingStatus.WaitlistExpired, waiting.Status);
        Assert.False(waiting.IsActive);
        Assert.Equal("booking-not-waitlisted", Assert.Throws<DomainRuleException>(() => waiting.ExpireFromWaitlist(Now)).Code);
    }

    [Fact]
    public void A_closed_class_reports_how_full_it_was()
    {
        var session = ClassSession.Schedule(Yoga, Guid.NewGuid(), null, null, Now.AddHours(1), 8, Now);
        Assert.Equal(0.75, session.Close(placesTaken: 6, Now.AddHours(3)));
        Assert.Equal(Now.AddHours(3), session.ClosedAt);
    }
}
