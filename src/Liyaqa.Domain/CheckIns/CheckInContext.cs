using Liyaqa.Domain.Memberships;

namespace Liyaqa.Domain.CheckIns;

/// <summary>Everything the decision needs, in the branch's local time.</summary>
public sealed record CheckInContext(
    IReadOnlyList<Subscription> Subscriptions,
    Guid BranchId,
    DateOnly LocalDate,
    TimeOnly LocalTime,
    bool BranchOpen,
    DateTimeOffset Now,
    DateTimeOffset? LastAllowedCheckIn,
    TimeSpan RepeatWindow);
