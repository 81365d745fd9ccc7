using System.Diagnostics.Metrics;
using Liyaqa.Domain.Classes;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// Closes each class once it has ended: every place still only booked (not marked attended by the trainer, the front
/// desk or a check-in) becomes a no-show — its credit stays used, the club's no-show fee is raised, and the no-show
/// policy counts it (<c>liyaqa_no_shows_total</c>) — and how full the class was is recorded
/// (<c>liyaqa_class_fill_ratio</c>).
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

    private static readonly Histogram<double> FillRatio = Meter.CreateHistogram(
        "liyaqa.class.fill_ratio", unit: null, description: "How full each class was when it ended (places taken / capacity)", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] });

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
            closed.ForEach(fill => FillRatio.Record(fill));
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
