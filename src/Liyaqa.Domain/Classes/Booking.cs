using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>A member's place in a class, or in its waitlist (first come, first promoted).</summary>
public sealed class Booking : Entity, ITenantOwned
{
    private Booking()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The subscription whose class credit the booking holds; null when it uses none.</summary>
    public Guid? SubscriptionId { get; private set; }

    public BookingStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public bool IsActive => Status is BookingStatus.Booked or BookingStatus.Waitlisted;

    public static Booking Take(Guid sessionId, Guid memberId, Guid? subscriptionId, bool seatFree, DateTimeOffset now)
    {
        var booking = new Booking
        {
            SessionId = sessionId,
            MemberId = memberId,
            SubscriptionId = subscriptionId,
            Status = seatFree ? BookingStatus.Booked : BookingStatus.Waitlisted,
            CreatedAt = now,
        };
        booking.Audit(seatFree ? AuditActions.BookingCreated : AuditActions.BookingWaitlisted, new { sessionId, memberId });
        return booking;
    }

    /// <summary>Cancels; after the late-cancel cutoff a booked place counts as a late cancellation (its credit is kept by the club).</summary>
    public void Cancel(bool late, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new DomainRuleException("booking-not-active", "The booking is already cancelled.");
        }

        Status = late && Status == BookingStatus.Booked ? BookingStatus.LateCancelled : BookingStatus.Cancelled;
        CancelledAt = now;
        Audit(AuditActions.BookingCancelled, new { late = Status == BookingStatus.LateCancelled });
    }

    /// <summary>Marks a booked place attended (by the trainer, the front desk, or the member's check-in) or not.</summary>
    public void MarkAttendance(bool attended)
    {
        if (Status is not (BookingStatus.Booked or BookingStatus.Attended or BookingStatus.NoShow))
        {
            throw new DomainRuleException("booking-not-attendable", "Only a booked place has attendance.");
        }

        Status = attended ? BookingStatus.Attended : BookingStatus.NoShow;
        Audit(attended ? AuditActions.BookingAttended : AuditActions.BookingNoShow);
    }

    /// <summary>The waitlist closed before a place came free.</summary>
    public void ExpireFromWaitlist(DateTimeOffset now)
    {
        if (Status != BookingStatus.Waitlisted)
        {
            throw new DomainRuleException("booking-not-waitlisted", "Only a waitlist place expires.");
        }

        Status = BookingStatus.WaitlistExpired;
        CancelledAt = now;
        Audit(AuditActions.BookingWaitlistExpired);
    }

    public void Promote(Guid? subscriptionId)
    {
        Status = BookingStatus.Booked;
        SubscriptionId = subscriptionId;
        Audit(AuditActions.BookingPromoted);
    }
}
