using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>
/// A club's booking rules: when booking opens and closes, the late-cancel cutoff and its penalty, when the waitlist
/// stops promoting, reminders, and the no-show policy. A club that never changed it books by <see cref="Default"/>.
/// Fees are VAT-inclusive amounts in the club's currency.
/// </summary>
public sealed class BookingPolicy : Entity, ITenantOwned
{
    private BookingPolicy()
    {
    }

    public Guid TenantId { get; private set; }

    public int OpensBeforeDays { get; private set; } = 7;

    public int ClosesBeforeMinutes { get; private set; } = 15;

    public int LateCancelBeforeMinutes { get; private set; } = 120;

    public int PromotionClosesBeforeMinutes { get; private set; } = 30;

    public int ReminderBeforeMinutes { get; private set; } = 120;

    /// <summary>Future bookings (and waitlist places) a member may hold at once.</summary>
    public int MaxFutureBookings { get; private set; } = 10;

    /// <summary>No-shows within 30 days that pause booking for <see cref="NoShowBlockDays"/>.</summary>
    public int NoShowLimit { get; private set; } = 3;

    public int NoShowBlockDays { get; private set; } = 7;

    public LateCancelPenalty LateCancelPenalty { get; private set; } = LateCancelPenalty.ForfeitCredit;

    public decimal LateCancelFee { get; private set; }

    /// <summary>Raised as a fee line for each no-show (0: none); the credit of a missed class always stays used.</summary>
    public decimal NoShowFee { get; private set; }

    public TimeSpan OpensBefore => TimeSpan.FromDays(OpensBeforeDays);

    public TimeSpan ClosesBefore => TimeSpan.FromMinutes(ClosesBeforeMinutes);

    public TimeSpan LateCancelBefore => TimeSpan.FromMinutes(LateCancelBeforeMinutes);

    public TimeSpan PromotionClosesBefore => TimeSpan.FromMinutes(PromotionClosesBeforeMinutes);

    public TimeSpan ReminderBefore => TimeSpan.FromMinutes(ReminderBeforeMinutes);

    public TimeSpan NoShowBlock => TimeSpan.FromDays(NoShowBlockDays);

    /// <summary>Cancelling a booked place after the cutoff is a late cancellation.</summary>
    public bool IsLateCancellation(ClassSession session, DateTimeOffset now) => now > session.StartsAt - LateCancelBefore;

    /// <summary>Whether a cancelled place's class credit returns to the member.</summary>
    public bool ReturnsCredit(bool lateCancellation) => !lateCancellation || LateCancelPenalty != LateCancelPenalty.ForfeitCredit;

    /// <summary>The fee a cancellation raises (0: none).</summary>
    public decimal CancellationFee(bool lateCancellation) => lateCancellation && LateCancelPenalty == LateCancelPenalty.Fee ? LateCancelFee : 0;

    /// <summary>The rules of a club that has not set its own.</summary>
    public static BookingPolicy Default() => new();

    public BookingPolicyDetails Details => new(
        OpensBeforeDays, ClosesBeforeMinutes, LateCancelBeforeMinutes, PromotionClosesBeforeMinutes, ReminderBeforeMinutes,
        MaxFutureBookings, NoShowLimit, NoShowBlockDays, LateCancelPenalty, LateCancelFee, NoShowFee);

    public void Change(BookingPolicyDetails details)
    {
        new DomainErrors()
            .Check(details.OpensBeforeDays is >= 1 and <= 90, "opensBeforeDays", "Booking opens 1-90 days ahead.")
            .Check(details.ClosesBeforeMinutes is >= 0 and <= 1440, "closesBeforeMinutes", "Booking closes 0-1440 minutes before the class.")
            .Check(details.LateCancelBeforeMinutes is >= 0 and <= 2880, "lateCancelBeforeMinutes", "The late-cancel cutoff is 0-2880 minutes before the class.")
            .Check(details.PromotionClosesBeforeMinutes is >= 0 and <= 1440, "promotionClosesBeforeMinutes", "The waitlist closes 0-1440 minutes before the class.")
            .Check(details.PromotionClosesBeforeMinutes >= details.ClosesBeforeMinutes, "promotionClosesBeforeMinutes",
                "The waitlist cannot promote after booking has closed: at least closesBeforeMinutes.")
            .Check(details.ReminderBeforeMinutes is >= 15 and <= 2880, "reminderBeforeMinutes", "Reminders go 15-2880 minutes before the class.")
            .Check(details.MaxFutureBookings is >= 1 and <= 100, "maxFutureBookings", "1-100 future bookings.")
            .Check(details.NoShowLimit is >= 1 and <= 30, "noShowLimit", "1-30 no-shows.")
            .Check(details.NoShowBlockDays is >= 0 and <= 90, "noShowBlockDays", "A pause of 0-90 days.")
            .Check(Enum.IsDefined(details.LateCancelPenalty), "lateCancelPenalty", "None, ForfeitCredit or Fee.")
            .Check(IsFee(details.LateCancelFee), "lateCancelFee", "An amount of 0-10,000 with at most two decimals.")
            .Check(details.LateCancelPenalty != LateCancelPenalty.Fee || details.LateCancelFee > 0, "lateCancelFee", "A fee penalty needs an amount.")
            .Check(IsFee(details.NoShowFee), "noShowFee", "An amount of 0-10,000 with at most two decimals.")
            .ThrowIfAny();
        (OpensBeforeDays, ClosesBeforeMinutes, LateCancelBeforeMinutes, PromotionClosesBeforeMinutes, ReminderBeforeMinutes) =
            (details.OpensBeforeDays, details.ClosesBeforeMinutes, details.LateCancelBeforeMinutes, details.PromotionClosesBeforeMinutes, details.ReminderBeforeMinutes);
        (MaxFutureBookings, NoShowLimit, NoShowBlockDays, LateCancelPenalty, LateCancelFee, NoShowFee) =
            (details.MaxFutureBookings, details.NoShowLimit, details.NoShowBlockDays, details.LateCancelPenalty, details.LateCancelFee, details.NoShowFee);
        Audit(AuditActions.BookingPolicyChanged, details);
    }

    private static bool IsFee(decimal amount) => amount is >= 0 and <= 10_000 && decimal.Round(amount, 2) == amount;
}
