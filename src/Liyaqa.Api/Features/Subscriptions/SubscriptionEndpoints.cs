using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.Members;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Memberships;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Subscriptions;

public sealed record SubscriptionResponse(
    Guid Id, Guid MemberId, Guid? PlanId, bool IsTrial, string PlanNameEn, string PlanNameAr, PlanKind Kind, DateOnly StartDate, DateOnly EndDate,
    int? VisitsLeft, int? ClassCreditsLeft, Charge Charge, decimal Discount, bool AutoRenew, DateOnly? CancelledOn, IReadOnlyList<Freeze> Freezes,
    PlanTerms Terms)
{
    public static SubscriptionResponse From(Subscription s) => new(
        s.Id, s.MemberId, s.PlanId, s.IsTrial, s.PlanNameEn, s.PlanNameAr, s.Kind, s.StartDate, s.EndDate, s.VisitsLeft, s.ClassCreditsLeft, s.Charge,
        s.Discount, s.AutoRenew, s.CancelledOn, s.Freezes, s.Terms);
}

public sealed record TrialRequest(int? Days, int? Visits, DateOnly? StartDate);

public sealed record SellRequest(Guid PlanId, DateOnly? StartDate, decimal Discount = 0, bool? ChargeJoiningFee = null);

public sealed record ChangePlanRequest(Guid PlanId);

public sealed record CancelRequest(bool AtPeriodEnd);

public sealed record FreezeRequest(DateOnly StartDate, DateOnly EndDate);

/// <summary>
/// Selling and looking after memberships: sell a plan, renew, change plan with proration, cancel now or at
/// the period's end, freeze and unfreeze within the plan's rules. Each change re-derives the member's status.
/// </summary>
public static class SubscriptionEndpoints
{
    public const string Route = "/api/subscriptions";

    /// <summary>A member's memberships are also reached from the member.</summary>
    private const string MembersRoute = "/api/members";

    public static WebApplication MapSubscriptions(this WebApplication app)
    {
        var read = app.MapTenantGroup(MembersRoute, Permissions.MembersRead).WithTags("Subscriptions");
        read.MapGet("/{id:guid}/subscriptions", ListOfMemberAsync).WithSummary("A member's subscriptions, newest first.");
        app.MapTenantGroup(Route, Permissions.MembersRead).WithTags("Subscriptions")
            .MapGet("/{id:guid}", GetAsync).WithSummary("One subscription.");

        app.MapTenantGroup(MembersRoute, Permissions.SubscriptionsManage).WithTags("Subscriptions")
            .MapPost("/{id:guid}/subscriptions", SellAsync).WithSummary("Sell a plan to a member (a lead becomes a member).");
        app.MapTenantGroup(MembersRoute, Permissions.MembersManage).WithTags("Subscriptions")
            .MapPost("/{id:guid}/trial", StartTrialAsync).WithSummary("Give a lead a free trial pass of some days or some visits.");
        var manage = app.MapTenantGroup(Route, Permissions.SubscriptionsManage).WithTags("Subscriptions");
        manage.MapPost("/{id:guid}/renew", RenewAsync).WithSummary("Sell the same plan again, from the day after this one ends (or today).");
        manage.MapPost("/{id:guid}/change-plan", ChangePlanAsync).WithSummary("Upgrade or downgrade today; the unused value is taken off the new price.");
        manage.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Cancel now, or at the end of the paid period.");
        manage.MapPost("/{id:guid}/freezes", (Guid id, FreezeRequest request, SubscriptionChanges changes, CancellationToken ct) =>
            changes.FreezeAsync(id, request, memberId: null, ct)).WithSummary("Freeze for a period (may start later); the end date moves by the frozen days.");
        manage.MapDelete("/{id:guid}/freezes/{freezeId:guid}", UnfreezeAsync).WithSummary("End a running freeze today, or drop one that has not started.");
        return app;
    }

    private static async Task<Results<Created<SubscriptionResponse>, NotFound>> StartTrialAsync(
        Guid id, TrialRequest request, LiyaqaDbContext db, MemberStatuses statuses, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        var tenant = await db.CurrentTenantAsync(ct);
        var today = tenant.DateAt(clock.GetUtcNow());
        if (await db.Subscriptions.AnyAsync(s => s.MemberId == id, ct))
        {
            throw new DomainRuleException("trial-not-for-customers", "Trial passes are for leads who never had a subscription or trial.");
        }

        var trial = Subscription.Trial(member.Id, request.StartDate ?? today, request.Days, request.Visits, clock.GetUtcNow());
        db.Subscriptions.Add(trial);
        await statuses.RefreshAsync(member, tenant, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Route}/{trial.Id}", SubscriptionResponse.From(trial));
    }

    private static async Task<Results<Ok<List<SubscriptionResponse>>, NotFound>> ListOfMemberAsync(Guid id, LiyaqaDbContext db, CancellationToken ct)
    {
        if (!await db.Members.AnyAsync(m => m.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.MemberId == id).OrderByDescending(s => s.StartDate).ToListAsync(ct);
        return TypedResults.Ok(subscriptions.Select(SubscriptionResponse.From).ToList());
    }

    private static async Task<Results<Ok<SubscriptionResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } subscription
            ? TypedResults.Ok(SubscriptionResponse.From(subscription))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SubscriptionResponse>, NotFound>> SellAsync(Guid id, SellRequest request, SubscriptionChanges changes, CancellationToken ct) =>
        await changes.SellAsync(id, request, ct) is { } sold
            ? TypedResults.Created($"{Route}/{sold.Id}", SubscriptionResponse.From(sold))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SubscriptionResponse>, NotFound>> RenewAsync(Guid id, SubscriptionChanges changes, CancellationToken ct) =>
        await changes.ReplaceAsync(id, (current, plan, today, vat, now) =>
        {
            if (current.IsTrial)
            {
                throw new DomainRuleException("trial-not-renewable", "A trial pass is not renewed; sell a plan instead.");
            }

            var start = current.EndDate >= today ? current.EndDate.AddDays(1) : today;
            return Subscription.Sell(current.MemberId, plan, start, 0, chargeJoiningFee: false, vat, now);
        }, planId: null, ct) is { } renewed
            ? TypedResults.Created($"{Route}/{renewed.Id}", SubscriptionResponse.From(renewed))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SubscriptionResponse>, NotFound>> ChangePlanAsync(Guid id, ChangePlanRequest request, SubscriptionChanges changes, CancellationToken ct) =>
        await changes.ReplaceAsync(id, Subscription.ChangePlan, request.PlanId, ct) is { } changed
            ? TypedResults.Created($"{Route}/{changed.Id}", SubscriptionResponse.From(changed))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SubscriptionResponse>, NotFound>> CancelAsync(Guid id, CancelRequest request, SubscriptionChanges changes, CancellationToken ct) =>
        await changes.ApplyAsync(id, memberId: null, (subscription, today) => subscription.Cancel(request.AtPeriodEnd, today), ct);

    private static Task<Results<Ok<SubscriptionResponse>, NotFound>> UnfreezeAsync(Guid id, Guid freezeId, SubscriptionChanges changes, CancellationToken ct) =>
        changes.ApplyAsync(id, memberId: null, (subscription, today) => subscription.Unfreeze(freezeId, today), ct);
}
