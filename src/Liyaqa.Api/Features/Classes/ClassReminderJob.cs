using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// Reminds every member with a place in a class that starts within the club's reminder time (2 hours unless it
/// chose another), club by club; the class records that its reminders went out, so none is sent twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ClassReminderJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClassReminderJob> logger) : IJob
{
    public const string Name = "class-reminders";

    /// <summary>Puts the job on the scheduler: every 5 minutes, or <c>Jobs:ClassReminderCron</c>.</summary>
    public static void Schedule(CronJobs jobs) =>
        jobs.Add<ClassReminderJob>(Name, "ClassReminderCron", "0 0/5 * * * ?", "Every 5 minutes", "Remind booked members before their class");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reminded = await scopes.CountInEveryTenantAsync(async (services, db) =>
        {
            var horizon = now + (await db.CurrentBookingPolicyAsync(cancellationToken)).ReminderBefore;
            var sessions = await db.ClassSessions.Where(s => s.Status == SessionStatus.Scheduled && !s.RemindersSent && s.StartsAt > now && s.StartsAt <= horizon).ToListAsync(cancellationToken);
            if (sessions.Count == 0)
            {
                return 0;
            }

            var messages = services.GetRequiredService<ClassMessages>();
            var tenant = await db.CurrentTenantAsync(cancellationToken);
            var sent = 0;
            foreach (var session in sessions)
            {
                var booked = await db.Bookings.Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Booked)
                    .Join(db.Members, b => b.MemberId, m => m.Id, (_, m) => m).AsNoTracking().ToListAsync(cancellationToken);
                foreach (var member in booked)
                {
                    await messages.TellAsync(tenant, member, session, MessageTemplates.ClassReminder, null, cancellationToken);
                    sent++;
                }

                session.MarkRemindersSent();
            }

            await db.SaveChangesAsync(cancellationToken);
            return sent;
        }, cancellationToken);

        if (reminded > 0)
        {
            logger.LogInformation("Class reminders: {Count} queued", reminded);
        }
    }
}
