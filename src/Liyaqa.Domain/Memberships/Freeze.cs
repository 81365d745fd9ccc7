using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

/// <summary>A pause of a subscription, from its first to its last frozen day; the subscription's end moves by its length.</summary>
public sealed record Freeze(Guid Id, DateOnly StartDate, DateOnly EndDate, DateTimeOffset CreatedAt)
{
    public int Days => EndDate.DayNumber - StartDate.DayNumber + 1;

    public bool Covers(DateOnly day) => day >= StartDate && day <= EndDate;
}
