using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>
/// A class that repeats every week on some days at one local time (the branch's time zone, so it stays at 18:30
/// whatever the offset), from a start to an end date, except on listed dates. Its classes are ordinary sessions.
/// </summary>
public sealed class ClassSeries : Entity, ITenantOwned
{
    public const int MaxDays = 366;

    private ClassSeries()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid ClassTypeId { get; private set; }

    public Guid BranchId { get; private set; }

    public SeriesRule Rule { get; private set; } = null!;

    public static ClassSeries Create(Guid classTypeId, Guid branchId, SeriesRule rule)
    {
        Validate(rule);
        var series = new ClassSeries { ClassTypeId = classTypeId, BranchId = branchId, Rule = Normalize(rule) };
        series.Audit(AuditActions.ClassSeriesCreated, new { rule.StartDate, rule.EndDate });
        return series;
    }

    /// <summary>The local dates the series runs on.</summary>
    public IEnumerable<DateOnly> Dates()
    {
        for (var day = Rule.StartDate; day <= Rule.EndDate; day = day.AddDays(1))
        {
            if (Rule.Days.Contains(day.DayOfWeek) && !(Rule.Exceptions ?? []).Contains(day))
            {
                yield return day;
            }
        }
    }

    /// <summary>The instant a class of the series starts on <paramref name="day"/> in <paramref name="timeZone"/>.</summary>
    public static DateTimeOffset StartOn(DateOnly day, TimeOnly localTime, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = day.ToDateTime(localTime);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Refuses a <paramref name="day"/> outside the series' dates, naming <paramref name="field"/>.</summary>
    public void RequireWithin(DateOnly day, string field) =>
        new DomainErrors().Check(day >= Rule.StartDate && day <= Rule.EndDate, field, $"A date of the series, {Rule.StartDate:yyyy-MM-dd} to {Rule.EndDate:yyyy-MM-dd}.").ThrowIfAny();

    public void AddException(DateOnly day)
    {
        RequireWithin(day, "date");
        Rule = Rule with { Exceptions = [.. (Rule.Exceptions ?? []).Append(day).Distinct().Order()] };
        Audit(AuditActions.ClassSeriesChanged, new { exception = day });
    }

    public void ChangeTime(TimeOnly localTime)
    {
        Rule = Rule with { LocalTime = localTime };
        Audit(AuditActions.ClassSeriesChanged, new { localTime });
    }

    private static SeriesRule Normalize(SeriesRule rule) =>
        rule with { Days = [.. rule.Days.Distinct().Order()], Exceptions = [.. (rule.Exceptions ?? []).Distinct().Order()] };

    private static void Validate(SeriesRule rule) =>
        new DomainErrors()
            .Check(rule.Days is { Count: > 0 }, "days", "Give the days of the week the class runs.")
            .Check(rule.EndDate >= rule.StartDate, "endDate", "The series ends on or after its start.")
            .Check(rule.EndDate.DayNumber - rule.StartDate.DayNumber < MaxDays, "endDate", $"A series spans at most {MaxDays} days.")
            .ThrowIfAny();
}
