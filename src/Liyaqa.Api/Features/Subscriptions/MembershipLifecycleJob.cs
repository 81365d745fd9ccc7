using Liyaqa.Api.Features.Billing;
using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Jobs;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Liyaqa.Api.Features.Subscriptions;

/// <summary>
/// The daily turn of memberships, club by club on the club's own calendar: monthly plans renew on their
/// last day (unless cancelled), invoiced and collected from a saved card by billing; other subscriptions
/// expire with a message, members hear 7 days and 1 day before their membership ends, and every member's status is brought in line with their subscriptions (freezes
/// starting and ending, subscriptions starting). Each notice is recorded on the subscription, so a rerun
/// never sends it twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MembershipLifecycleJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MembershipLifecycleJob> logger) : IJob
{
    public const string Name = "membership-lifecycle";

    /// <summary>Puts the job on the scheduler: daily at 00:15 ksa, or <c>Jobs:MembershipCron</c>.</summary>
    public static void Schedule(CronJobs jobs) =>
        jobs.Add<MembershipLifecycleJob>(Name, "MembershipCron", "0 15 0 * * ?", "Daily at 00:15 KSA", "Renew, expire and remind memberships; keep member statuses current");
    public const string Renewed = "renewed";
    public const string Expired = "expired";
    public static readonly (int Days, string Notice)[] Reminders = [(1, "expiring-1"), (7, "expiring-7")];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var totals = (Renewed: 0, Expired: 0, Reminded: 0, StatusChanges: 0);
        foreach (var tenantId in await scopes.TenantIdsAsync(cancellationToken))
        {
            try
            {
                var club = await scopes.RunAsync(tenantId, (services, db) => TurnAsync(services, db, cancellationToken), cancellationToken);
                totals = (totals.Renewed + club.Renewed, totals.Expired + club.Expired, totals.Reminded + club.Reminded, totals.StatusChanges + club.StatusChanges);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Staff changed one of the club's memberships meanwhile; nothing was written, the next run takes the club again.
                logger.LogWarning("Memberships of club {Tenant} changed during the run; they are taken again next time", tenantId);
            }
        }

        logger.LogInformation("Memberships: {Renewed} renewed, {Expired} expired, {Reminded} reminder(s) queued, {Changes} status change(s)",
            totals.Renewed, totals.Expired, totals.Reminded, totals.StatusChanges);
    }

    private async Task<(int Renewed, int Expired, int Reminded, int StatusChanges)> TurnAsync(IServiceProvider services, LiyaqaDbContext db, CancellationToken ct)
    {
        var outbox = services.GetRequiredService<Outbox>();
        var tenant = await db.CurrentTenantAsync(ct);
        var now = clock.GetUtcNow();
        var today = tenant.DateAt(now);
        var horizon = today.AddDays(Reminders.Max(r => r.Days));
        var recentlyEnded = today.AddDays(-2);

        // Subscriptions that matter today: running, starting, or ended lately; with their members.
        var subscriptions = await db.Subscriptions.Where(s => s.EndDate >= recentlyEnded || s.StartDate >= today).ToListAsync(ct);
        var members = await db.Members.Where(m => m.ArchivedAt == null
            && (m.Status == MemberStatus.Active || m.Status == MemberStatus.Frozen || m.Status == MemberStatus.Trial || db.Subscriptions.Any(s => s.MemberId == m.Id && s.EndDate >= recentlyEnded)))
            .ToDictionaryAsync(m => m.Id, ct);
        var plans = await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        int renewed = 0, expired = 0, reminded = 0;

        foreach (var subscription in subscriptions.Where(s => !s.IsTrial && members.ContainsKey(s.MemberId)).ToList())
        {
            var member = members[subscription.MemberId];
            var followedUp = subscriptions.Any(s => s.MemberId == member.Id && s.Id != subscription.Id && !s.IsTrial && s.EndDate > subscription.EndDate);
            var renewsWith = subscription.AutoRenew && !followedUp && subscription.PlanId is { } planId && plans.GetValueOrDefault(planId) is { IsActive: true } active ? active : null;
            if ((subscription.EndDate < today || (renewsWith is not null && subscription.EndDate == today)) && !subscription.HasSent(Renewed) && !subscription.HasSent(Expired))
            {
                if (renewsWith is { } plan)
                {
                    // Renewed on its last day, so the next period is invoiced, and charged to a saved card, before it starts.
                    var next = Subscription.Sell(member.Id, plan, subscription.EndDate.AddDays(1), 0, chargeJoiningFee: false, tenant.VatRate, now);
                    db.Subscriptions.Add(next);
                    subscriptions.Add(next);
                    subscription.RecordNotice(Renewed);
                    if (await services.GetRequiredService<Invoicing>().InvoiceSubscriptionAsync(next, plan, tenant, ct) is { } invoice)
                    {
                        await services.GetRequiredService<RenewalCollections>().StartAsync(invoice, next, tenant, ct);
                    }

                    renewed++;
                    continue;
                }

                subscription.RecordNotice(Expired);
                expired++;
                if (!followedUp)
                {
                    await outbox.QueueForMemberAsync(tenant, member, MessageTemplates.MembershipExpired,
                        new Dictionary<string, object?> { ["planName"] = subscription.PlanNameIn(member.Language), ["endedOn"] = subscription.EndDate }, ct);
                }

                continue;
            }

            if (subscription.EndDate >= today && subscription.EndDate <= horizon && !subscription.AutoRenew && !subscription.IsCancelled && !followedUp
                && Reminders.FirstOrDefault(r => subscription.EndDate.DayNumber - today.DayNumber <= r.Days && !subscription.HasSent(r.Notice)) is { Notice: not null } due)
            {
                foreach (var (_, notice) in Reminders.Where(r => r.Days >= due.Days))
                {
                    subscription.RecordNotice(notice);
                }

                await outbox.QueueForMemberAsync(tenant, member, MessageTemplates.MembershipExpiring, new Dictionary<string, object?>
                {
                    ["planName"] = subscription.PlanNameIn(member.Language),
                    ["endsOn"] = subscription.EndDate,
                    ["daysLeft"] = subscription.EndDate.DayNumber - today.DayNumber,
                }, ct);
                reminded++;
            }
        }

        var changes = 0;
        foreach (var member in members.Values)
        {
            if (MemberStatusRules.Derive(subscriptions.Where(s => s.MemberId == member.Id), today) != member.Status
                && await DeriveFromAllAsync(db, member, today, subscriptions, ct) is var status && status != member.Status)
            {
                member.ApplyStatus(status, now);
                changes++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (renewed, expired, reminded, changes);
    }

    /// <summary>The status from all of a member's subscriptions (only recent ones were loaded for the whole club).</summary>
    private static async Task<MemberStatus> DeriveFromAllAsync(LiyaqaDbContext db, Member member, DateOnly today, List<Subscription> loaded, CancellationToken ct)
    {
        var older = await db.Subscriptions.Where(s => s.MemberId == member.Id).ToListAsync(ct);
        return MemberStatusRules.Derive(older.Concat(loaded.Where(s => s.MemberId == member.Id)).DistinctBy(s => s.Id), today);
    }
}
