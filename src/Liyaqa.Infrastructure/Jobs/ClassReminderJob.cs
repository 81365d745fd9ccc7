using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Notifications;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Infrastructure.Jobs;

/// <summary>
/// Reminds every member with a place in a class that starts within <c>Bookings:ReminderBefore</c> (2 hours),
/// club by club; the class records that its reminders went out, so none is sent twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ClassReminderJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ClassReminderJob> logger) : IJob
{
    public const string Name = "class-reminders";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var horizon = now + (configuration.GetValue<TimeSpan?>("Bookings:ReminderBefore") ?? TimeSpan.FromHours(2));
        var reminded = 0;
        foreach (var club in await scopes.ClubsAsync(cancellationToken))
        {
            reminded += await scopes.RunAsync(club, async (services, db) =>
            {
                var outbox = services.GetRequiredService<Outbox>();
                var sessions = await db.ClassSessions.Where(s => s.Status == SessionStatus.Scheduled && !s.RemindersSent && s.StartsAt > now && s.StartsAt <= horizon).ToListAsync(cancellationToken);
                if (sessions.Count == 0)
                {
                    return 0;
                }

                var tenant = await db.CurrentTenantAsync(cancellationToken);
                var sent = 0;
                foreach (var session in sessions)
                {
                    var type = await db.ClassTypes.AsNoTracking().SingleAsync(t => t.Id == session.ClassTypeId, cancellationToken);
                    var branch = await db.Branches.AsNoTracking().SingleAsync(b => b.Id == session.BranchId, cancellationToken);
                    var booked = await db.Bookings.Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Booked)
                        .Join(db.Members, b => b.MemberId, m => m.Id, (_, m) => m).ToListAsync(cancellationToken);
                    foreach (var member in booked)
                    {
                        await outbox.QueueForMemberAsync(tenant, member, MessageTemplates.ClassReminder, new Dictionary<string, object?>
                        {
                            ["className"] = type.NameIn(member.Language),
                            ["startsAt"] = session.StartsAt,
                            ["branchName"] = branch.NameIn(member.Language),
                        }, cancellationToken);
                        sent++;
                    }

                    session.MarkRemindersSent();
                }

                await db.SaveChangesAsync(cancellationToken);
                return sent;
            }, cancellationToken);
        }

        if (reminded > 0)
        {
            logger.LogInformation("Class reminders: {Count} queued", reminded);
        }
    }
}
