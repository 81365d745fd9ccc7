using Liyaqa.Api.Features.Members;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Subscriptions;

/// <summary>
/// The steps every subscription change shares: load it (optionally only if it is a given member's),
/// apply the domain rule on the club's today, re-derive the member's status, save; a sale, renewal or plan change is invoiced.
/// </summary>
public sealed class SubscriptionChanges(LiyaqaDbContext db, MemberStatuses statuses, Classes.ClassPlaces places, Billing.Invoicing invoicing, TimeProvider clock)
{
    public async Task<Subscription?> SellAsync(Guid memberId, SellRequest request, CancellationToken ct)
    {
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == memberId && m.ArchivedAt == null, ct) is not { } member)
        {
            return null;
        }

        var plan = await db.MembershipPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PlanId, ct)
            ?? throw new DomainValidationException("planId", "No such plan in this club.");
        var (tenant, today, now) = await TodayAsync(ct);
        var firstPaid = !await db.Subscriptions.AnyAsync(s => s.MemberId == memberId && s.PlanId != null, ct);
        var start = request.StartDate ?? today;
        if (start < today)
        {
            throw new DomainValidationException("startDate", "A subscription cannot start in the past.");
        }

        var sold = Subscription.Sell(memberId, plan, start, request.Discount, request.ChargeJoiningFee ?? firstPaid, tenant.VatRate, now);
        db.Subscriptions.Add(sold);
        await statuses.RefreshAsync(member, tenant, ct);
        await db.SaveChangesAsync(ct);
        await invoicing.InvoiceSubscriptionAsync(sold, plan, tenant, ct);
        return sold;
    }

    /// <summary>Ends or follows <paramref name="id"/> with a new subscription (renewal, plan change).</summary>
    public async Task<Subscription?> ReplaceAsync(
        Guid id, Func<Subscription, MembershipPlan, DateOnly, decimal, DateTimeOffset, Subscription> replace, Guid? planId, CancellationToken ct)
    {
        if (await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id, ct) is not { } current)
        {
            return null;
        }

        var wanted = planId ?? current.PlanId;
        var plan = await db.MembershipPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == wanted, ct)
            ?? throw new DomainValidationException("planId", "No such plan in this club.");
        var (tenant, today, now) = await TodayAsync(ct);
        var next = replace(current, plan, today, tenant.VatRate, now);
        db.Subscriptions.Add(next);
        await statuses.RefreshAsync(await db.Members.SingleAsync(m => m.Id == current.MemberId, ct), tenant, ct);
        await db.SaveChangesAsync(ct);
        await invoicing.InvoiceSubscriptionAsync(next, plan, tenant, ct);
        return next;
    }

    /// <summary>Applies a change to one subscription; with <paramref name="memberId"/>, only to that member's.</summary>
    public async Task<Results<Ok<SubscriptionResponse>, NotFound>> ApplyAsync(Guid id, Guid? memberId, Action<Subscription, DateOnly> change, CancellationToken ct)
    {
        if (await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && (memberId == null || s.MemberId == memberId), ct) is not { } subscription)
        {
            return TypedResults.NotFound();
        }

        var (tenant, today, _) = await TodayAsync(ct);
        change(subscription, today);
        await statuses.RefreshAsync(await db.Members.SingleAsync(m => m.Id == subscription.MemberId, ct), tenant, ct);
        await places.ReleaseUncoveredAsync(subscription.MemberId, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SubscriptionResponse.From(subscription));
    }

    public Task<Results<Ok<SubscriptionResponse>, NotFound>> FreezeAsync(Guid id, FreezeRequest request, Guid? memberId, CancellationToken ct) =>
        ApplyAsync(id, memberId, (subscription, today) => subscription.AddFreeze(request.StartDate, request.EndDate, today, clock.GetUtcNow()), ct);

    private async Task<(Tenant Tenant, DateOnly Today, DateTimeOffset Now)> TodayAsync(CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var now = clock.GetUtcNow();
        return (tenant, tenant.DateAt(now), now);
    }
}
