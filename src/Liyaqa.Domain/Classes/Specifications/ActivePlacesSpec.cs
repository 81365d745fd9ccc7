using Ardalis.Specification;

namespace Liyaqa.Domain.Classes.Specifications;

/// <summary>
/// Places that still hold a seat or a waiting place (<see cref="Booking.IsActive"/>, in a form a query
/// translates), optionally of one class and of one member.
/// </summary>
public sealed class ActivePlacesSpec : Specification<Booking>
{
    public ActivePlacesSpec(Guid? sessionId = null, Guid? memberId = null)
    {
        Query.Where(b => b.Status == BookingStatus.Booked || b.Status == BookingStatus.Waitlisted);
        if (sessionId is { } session)
        {
            Query.Where(b => b.SessionId == session);
        }

        if (memberId is { } member)
        {
            Query.Where(b => b.MemberId == member);
        }
    }
}
