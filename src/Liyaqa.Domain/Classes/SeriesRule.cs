using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>What a weekly series is: which days, at what local time, from when until when, and the days it skips.</summary>
public sealed record SeriesRule(IReadOnlyList<DayOfWeek> Days, TimeOnly LocalTime, DateOnly StartDate, DateOnly EndDate, IReadOnlyList<DateOnly>? Exceptions);
