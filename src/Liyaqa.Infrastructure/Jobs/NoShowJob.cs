using System.Diagnostics.Metrics;
using Liyaqa.Domain.Classes;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Infrastructure.Jobs;

/// <summary>
/// After a class ends, every place still only booked (not marked attended by the trainer, the front desk or
/// a check-in) becomes a no-show: its credit stays used, and the no-show policy counts it
/// (<c>liyaqa_no_shows_total</c>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class NoShowJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<NoShowJob> logger) : IJob
{
    public const string Name = "no-shows";

    private static readonly Meter Meter = new("Liyaqa.Bookings.NoShows");
    private static readonly Counter<long> NoShows = Meter.CreateCounter<long>("liyaqa.no_shows", description: "Booked places not attended");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        foreach (var club in await scopes.ClubsAsync(cancellationToken))
        {
            total += await scopes.RunAsync(club, async (_, db) =>
            {
                var missed = await db.Bookings.Where(b => b.Status == BookingStatus.Booked
                    && db.ClassSessions.Any(s => s.Id == b.SessionId && s.Status == SessionStatus.Scheduled && s.EndsAt < now)).ToListAsync(cancellationToken);
                missed.ForEach(b => b.MarkAttendance(attended: false));
                await db.SaveChangesAsync(cancellationToken);
                return missed.Count;
            }, cancellationToken);
        }

        if (total > 0)
        {
            NoShows.Add(total);
            logger.LogInformation("No-shows: {Count} booked place(s) not attended", total);
        }
    }
}
