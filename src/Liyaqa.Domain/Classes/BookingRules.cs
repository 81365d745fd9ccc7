using Liyaqa.Domain.Common;
using Liyaqa.Domain.Memberships;

namespace Liyaqa.Domain.Classes;

/// <summary>
/// Who may book a class: not blocked by missed classes, the window is open, the member has no place in it yet and stays under the cap,
/// and one of their subscriptions is in force (not frozen) on the class's day at its branch, with a class
/// credit left when the plan counts them. A subscription without credits is preferred, so credits are kept.
/// </summary>
public static class BookingRules
{
    public static Subscription? Check(
        ClassSession session, IReadOnlyList<Subscription> subscriptions, DateOnly sessionDay, int futureBookings, bool alreadyBooked, BookingPolicy policy, DateTimeOffset now,
        IReadOnlyList<DateTimeOffset>? recentNoShows = null)
    {
        Refuse(session.IsCancelled, "session-cancelled", "The class is cancelled.");
        var noShows = (recentNoShows ?? []).Where(at => at > now - TimeSpan.FromDays(30)).Order().ToList();
        Refuse(noShows.Count >= policy.NoShowLimit && noShows[^1] + policy.NoShowBlock > now,
            "no-show-blocked", $"Booking is paused after {policy.NoShowLimit} missed classes in 30 days.");
        Refuse(now < session.StartsAt - policy.OpensBefore, "booking-not-open", $"Booking opens {policy.OpensBefore.TotalDays:0} days before the class.");
        Refuse(now > session.StartsAt - policy.ClosesBefore, "booking-closed", "Booking for this class has closed.");
        Refuse(alreadyBooked, "already-booked", "The member already has a place (or a waitlist place) in this class.");
        Refuse(futureBookings >= policy.MaxFutureBookings, "booking-limit", $"A member may hold {policy.MaxFutureBookings} future bookings at once.");
        Refuse(!subscriptions.Any(s => Covers(s, session, sessionDay)) && subscriptions.Any(s => Covers(s, session, sessionDay, orSuspended: true)),
            "membership-suspended-unpaid", "The membership is suspended until its unpaid renewal is paid.");
        Refuse(!subscriptions.Any(s => Covers(s, session, sessionDay)), "no-membership-for-class", "No active membership covers this class's day and branch.");
        return SubscriptionFor(session, subscriptions, sessionDay) ?? throw new DomainRuleException("no-class-credits", "No class credits are left.");
    }

    /// <summary>A full class takes waitlist places only while the waitlist can still promote.</summary>
    public static void RequireWaitlistOpen(ClassSession session, BookingPolicy policy, DateTimeOffset now) =>
        Refuse(session.WaitlistClosedAt is not null || now > session.StartsAt - policy.PromotionClosesBefore,
            "waitlist-closed", "The class is full and its waitlist has closed.");

    /// <summary>In force, not frozen and not suspended on the class's day, at its branch.</summary>
    public static bool Covers(Subscription subscription, ClassSession session, DateOnly sessionDay, bool orSuspended = false) =>
        subscription.IsInForceOn(sessionDay) && !subscription.IsFrozenOn(sessionDay) && (orSuspended || !subscription.IsSuspended) && subscription.Terms.CoversBranch(session.BranchId);

    /// <summary>The subscription a place in the class would use: one that covers it with a credit left, unlimited ones first; null if none.</summary>
    public static Subscription? SubscriptionFor(ClassSession session, IEnumerable<Subscription> subscriptions, DateOnly sessionDay) =>
        subscriptions.Where(s => Covers(s, session, sessionDay) && s.ClassCreditsLeft is null or > 0)
            .OrderBy(s => s.ClassCreditsLeft is null ? 0 : 1).ThenBy(s => s.EndDate).FirstOrDefault();

    private static void Refuse(bool refused, string code, string message)
    {
        if (refused)
        {
            throw new DomainRuleException(code, message);
        }
    }
}
