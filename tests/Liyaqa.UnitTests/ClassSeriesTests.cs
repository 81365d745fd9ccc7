using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;

namespace Liyaqa.UnitTests;

public sealed class ClassSeriesTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    private static ClassSeries Series() => ClassSeries.Create(Guid.NewGuid(), Guid.NewGuid(),
        new SeriesRule([DayOfWeek.Wednesday, DayOfWeek.Monday, DayOfWeek.Monday], new TimeOnly(18, 30), Monday, Monday.AddDays(13), [Monday.AddDays(7)]));

    [Fact]
    public void A_series_runs_on_its_days_in_range_except_its_exceptions_at_the_local_time()
    {
        var series = Series();
        Assert.Equal([Monday, Monday.AddDays(2), Monday.AddDays(9)], series.Dates());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero), ClassSeries.StartOn(Monday, series.Rule.LocalTime, "Asia/Riyadh"));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 21, 0, 0, TimeSpan.Zero), ClassSeries.StartOn(Monday, TimeOnly.MinValue, "Asia/Riyadh"));
    }

    [Fact]
    public void Dates_outside_the_series_are_refused_naming_the_field()
    {
        var series = Series();
        Assert.Equal(["date"], Assert.Throws<DomainValidationException>(() => series.AddException(default)).Errors.Keys);
        Assert.Equal(["fromDate"], Assert.Throws<DomainValidationException>(() => series.RequireWithin(Monday.AddDays(14), "fromDate")).Errors.Keys);
        series.AddException(Monday.AddDays(2));
        Assert.Equal([Monday, Monday.AddDays(9)], series.Dates());
    }
}
