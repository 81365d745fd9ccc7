using Liyaqa.Domain.Notifications;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Maintenance;

/// <summary>
/// Nightly clean-up, club by club (each in its own tenant transaction, so row-level security holds):
/// refresh tokens spent or expired over 30 days ago, used or expired reset links over a day old, and
/// delivered notifications older than the retention period, and remembered idempotency keys past theirs.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HousekeepingJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<HousekeepingJob> logger) : IJob
{
    public const string Name = "housekeeping";

    /// <summary>Puts the job on the scheduler: nightly at 03:30 ksa, or <c>Jobs:HousekeepingCron</c>.</summary>
    public static void Schedule(CronJobs jobs) =>
        jobs.Add<HousekeepingJob>(Name, "HousekeepingCron", "0 30 3 * * ?", "Nightly at 03:30 KSA", "Purge spent tokens and old sent notifications");

    private static readonly TimeSpan TokenRetention = TimeSpan.FromDays(30);
    private static readonly TimeSpan SentNotificationRetention = TimeSpan.FromDays(90);

    /// <summary>How long a retry with the same Idempotency-Key gets the first answer back.</summary>
    public static readonly TimeSpan IdempotencyKeyRetention = TimeSpan.FromDays(7);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var removed = await scopes.CountInEveryTenantAsync(async (_, db) =>
            await db.RefreshTokens
                .Where(t => t.ExpiresAt < now - TokenRetention || (t.RevokedAt ?? t.ConsumedAt) < now - TokenRetention)
                .ExecuteDeleteAsync(cancellationToken)
            + await db.PasswordResetTokens
                .Where(t => t.ExpiresAt < now - TimeSpan.FromDays(1))
                .ExecuteDeleteAsync(cancellationToken)
            + await db.NotificationQueue
                .Where(n => n.Status == NotificationStatus.Sent && n.SentAt < now - SentNotificationRetention)
                .ExecuteDeleteAsync(cancellationToken)
            + await db.IdempotencyRecords
                .Where(r => r.CreatedAt < now - IdempotencyKeyRetention)
                .ExecuteDeleteAsync(cancellationToken), cancellationToken);
        logger.LogInformation("Housekeeping removed {Count} spent token(s), old notification(s) and idempotency key(s)", removed);
    }
}
