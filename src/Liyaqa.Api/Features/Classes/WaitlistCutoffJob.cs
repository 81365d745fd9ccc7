using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// When a class reaches the club's promotion cut-off (30 minutes before it starts unless the club chose another),
/// its waitlist closes: members still waiting are told no place came free, and their waitlist places expire
/// (nothing was used). Club by club; each class's waitlist closes once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class WaitlistCutoffJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WaitlistCutoffJob> logger) : IJob
{
    public const string Name = "waitlist-cutoff";

    /// <summary>Puts the job on the scheduler: every minute, or <c>Jobs:WaitlistCutoffCron</c>.</summary>
    public static void Schedule(CronJobs jobs) =>
        jobs.Add<WaitlistCutoffJob>(Name, "WaitlistCutoffCron", "0 * * * * ?", "Every minute", "Close waitlists at the promotion cut-off and tell those still waiting");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await scopes.CountInEveryTenantAsync(async (services, db) =>
        {
            var cutoff = now + (await db.CurrentBookingPolicyAsync(cancellationToken)).PromotionClosesBefore;
            var sessions = await db.ClassSessions.Where(s => s.Status == SessionStatus.Scheduled && s.WaitlistClosedAt == null && s.StartsAt <= cutoff)
                .OrderBy(s => s.StartsAt).Take(200).ToListAsync(cancellationToken);
            if (sessions.Count == 0)
            {
                return 0;
            }

            var messages = services.GetRequiredService<ClassMessages>();
            var tenant = await db.CurrentTenantAsync(cancellationToken);
            var count = 0;
            foreach (var session in sessions)
            {
                // Under the class's row lock, so no cancellation promotes anyone while the waitlist closes.
                await db.LockClassAsync(session.Id, cancellationToken);
                var waiting = await db.Bookings.Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Waitlisted)
                    .Join(db.Members, b => b.MemberId, m => m.Id, (b, m) => new { Booking = b, Member = m }).ToListAsync(cancellationToken);
                foreach (var place in waiting)
                {
                    place.Booking.ExpireFromWaitlist(now);
                    if (session.StartsAt > now)
                    {
                        await messages.TellAsync(tenant, place.Member, session, MessageTemplates.WaitlistClosed, null, cancellationToken);
                    }
                }

                session.CloseWaitlist(now);
                count += waiting.Count;
            }

            await db.SaveChangesAsync(cancellationToken);
            return count;
        }, cancellationToken);

        if (expired > 0)
        {
            logger.LogInformation("Waitlists closed: {Count} waiting member(s) told", expired);
        }
    }
}
