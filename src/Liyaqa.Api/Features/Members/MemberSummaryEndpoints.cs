using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Members;

/// <summary>A paid membership in force that ends within the week and nothing follows it (no later membership, no auto-renewal).</summary>
public sealed record ExpiringMembership(
    Guid MemberId, int Number, string FirstNameEn, string LastNameEn, string FirstNameAr, string LastNameAr, string? Phone,
    Guid SubscriptionId, string PlanNameEn, string PlanNameAr, DateOnly EndDate);

/// <summary>One club day: members added (each starts as a lead) and trial passes starting.</summary>
public sealed record LeadsAndTrialsDay(DateOnly Day, int Leads, int Trials);

public sealed record MembersSummary(DateOnly Today, int ExpiringThisWeek, List<ExpiringMembership> Expiring, List<LeadsAndTrialsDay> LeadsAndTrials);

/// <summary>The dashboard's view of the members: memberships running out this week, and new leads and trials per day of the last week.</summary>
public static class MemberSummaryEndpoints
{
    public const int Days = 7;
    public const int MaxListed = 50;

    public static WebApplication MapMemberSummary(this WebApplication app)
    {
        app.MapTenantGroup(MemberEndpoints.Route, Permissions.MembersRead).WithTags("Members")
            .MapGet("/summary", SummaryAsync)
            .WithSummary($"Memberships ending in the next {Days} days with nothing to follow (count, soonest {MaxListed}), and new leads and trials per club day of the last {Days}.");
        return app;
    }

    private static async Task<Ok<MembersSummary>> SummaryAsync(LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var today = tenant.DateAt(clock.GetUtcNow());
        var weekEnd = today.AddDays(Days);
        var expiring =
            from s in db.Subscriptions.AsNoTracking()
            join m in db.Members.AsNoTracking() on s.MemberId equals m.Id
            where s.PlanId != null && s.CancelledOn == null && !s.AutoRenew && m.ArchivedAt == null
                && s.StartDate <= today && s.EndDate >= today && s.EndDate <= weekEnd
                && !db.Subscriptions.Any(n => n.MemberId == s.MemberId && n.PlanId != null && n.CancelledOn == null && n.StartDate > today)
            orderby s.EndDate, m.Number
            select new ExpiringMembership(m.Id, m.Number, m.FirstNameEn, m.LastNameEn, m.FirstNameAr, m.LastNameAr, m.Phone, s.Id, s.PlanNameEn, s.PlanNameAr, s.EndDate);
        var count = await expiring.CountAsync(ct);
        var listed = await expiring.Take(MaxListed).ToListAsync(ct);

        // Days are the club's: a member added at 01:00 Riyadh time counts on that Riyadh day.
        var from = today.AddDays(1 - Days);
        var since = clock.GetUtcNow().AddDays(-Days - 1);
        var days = await db.Database.SqlQuery<LeadsAndTrialsDay>($"""
            SELECT d.day::date AS day, coalesce(l.n, 0) AS leads, coalesce(t.n, 0) AS trials
            FROM generate_series({from}::timestamp, {today}::timestamp, interval '1 day') AS d(day)
            LEFT JOIN (SELECT (created_at AT TIME ZONE {tenant.TimeZone})::date AS day, count(*)::int AS n
                       FROM members WHERE tenant_id = {tenant.Id} AND created_at >= {since} GROUP BY 1) l ON l.day = d.day::date
            LEFT JOIN (SELECT start_date AS day, count(*)::int AS n
                       FROM subscriptions WHERE tenant_id = {tenant.Id} AND plan_id IS NULL AND start_date BETWEEN {from} AND {today} GROUP BY 1) t ON t.day = d.day::date
            ORDER BY 1
            """).ToListAsync(ct);
        return TypedResults.Ok(new MembersSummary(today, count, listed, days));
    }
}
