using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

public enum BookingStatus
{
    Booked,
    Waitlisted,
    Cancelled,
    LateCancelled,
    Attended,
    NoShow,

    /// <summary>Still waitlisted when the waitlist closed before the class: no place, nothing used.</summary>
    WaitlistExpired,
}
