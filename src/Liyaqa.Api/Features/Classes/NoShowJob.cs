using System.Diagnostics.Metrics;
using Liyaqa.Domain.Classes;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// Closes each class once it has ended: every place still only booked (not marked attended by the trainer, the front
/// desk or a check-in) becomes a no-show — its credit stays used, the club's no-show fee is raised, and the no-show
/// policy counts it (<c>liyaqa_no_shows_total</c>) — and how full the class was is added up
/// (<c>liyaqa_class_fill_ratio_sum</c> over <c>liyaqa_class_fill_ratio_count</c> classes: their increase over a range
/// is the mean fill). Those two are cumulative sums kept as up-down counters, exported as plain series without a
/// <c>_total</c> suffix, so that they exist at zero from the start as a histogram's would not before its first class.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NoShowJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<NoShowJob> logger) : IJob
{
    public const string Name = "no-shows";

    /// <summary>Puts the job on the scheduler: every 5 minutes, or <c>Jobs:NoShowCron</c>.</summary>
    public static void Schedule(CronJobs jobs) =>
        jobs.Add<NoShowJob>(Name, "NoShowCron", "0 0/5 * * * ?", "Every 5 minutes", "Close ended classes: unattended places become no-shows, fill is counted");

    private static readonly Meter Meter = new("Liyaqa.Bookings.NoShows");
    private static readonly Counter<long> NoShows = Meter.CreateCounter<long>("liyaqa.no_shows", description: "Booked places not attended");

    private static readonly UpDownCounter<double> FillRatioSum = Meter.CreateUpDownCounter<double>(
        "liyaqa.class.fill_ratio_sum", description: "How full the classes were when they ended (places taken / capacity), added up");

    private static readonly UpDownCounter<long> FillRatioCount = Meter.CreateUpDownCounter<long>(
        "liyaqa.class.fill_ratio_count", description: "Classes closed, whose fill is in liyaqa.class.fill_ratio_sum");

    /// <summary>The counters at zero from the start (dashboards read them).</summary>
    public static void PublishAtZero()
    {
        NoShows.Add(0);
        FillRatioSum.Add(0);
        FillRatioCount.Add(0);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (classes, missed) = (0, 0);
        foreach (var club in await scopes.TenantIdsAsync(cancellationToken))
        {
            var (closed, noShows) = await scopes.RunAsync(club, async (_, db) =>
            {
                var ended = await db.ClassSessions.Where(s => s.Status == SessionStatus.Scheduled && s.ClosedAt == null && s.EndsAt < now)
                    .OrderBy(s => s.EndsAt).Take(200).ToListAsync(cancellationToken);
                if (ended.Count == 0)
                {
                    return (new List<double>(), 0);
                }

                var policy = await db.CurrentBookingPolicyAsync(cancellationToken);
                var vatRate = (await db.CurrentTenantAsync(cancellationToken)).VatRate;
                var ids = ended.Select(s => s.Id).ToList();
                var places = await db.Bookings.Where(b => ids.Contains(b.SessionId)
                    && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Attended || b.Status == BookingStatus.NoShow)).ToListAsync(cancellationToken);
                var unattended = places.Where(b => b.Status == BookingStatus.Booked).ToList();
                foreach (var booking in unattended)
                {
                    await Attendance.MarkAsync(db, booking, attended: false, policy, vatRate, now, cancellationToken);
                }

                var fills = ended.Select(s => s.Close(places.Count(b => b.SessionId == s.Id), now)).ToList();
                await db.SaveChangesAsync(cancellationToken);
                return (fills, unattended.Count);
            }, cancellationToken);
            FillRatioSum.Add(closed.Sum());
            FillRatioCount.Add(closed.Count);
            (classes, missed) = (classes + closed.Count, missed + noShows);
        }

        if (missed > 0)
        {
            NoShows.Add(missed);
        }

        if (classes > 0)
        {
            logger.LogInformation("Closed {Classes} ended class(es); {Count} booked place(s) not attended", classes, missed);
        }
    }
}
