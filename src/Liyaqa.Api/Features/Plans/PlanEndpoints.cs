using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Memberships;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Plans;

public sealed record PlanResponse(
    Guid Id, string NameEn, string NameAr, PlanKind Kind, int Duration, DurationUnit DurationUnit, int? Visits, decimal Price, bool PriceIncludesVat,
    decimal JoiningFee, PlanTerms Terms, bool IsActive, Charge PriceWithVat)
{
    public static PlanResponse From(MembershipPlan p, decimal vatRate) => new(
        p.Id, p.NameEn, p.NameAr, p.Kind, p.Duration, p.DurationUnit, p.Visits, p.Price, p.PriceIncludesVat, p.JoiningFee, p.Terms, p.IsActive,
        p.ChargeFor(p.Price, vatRate));
}

/// <summary>The memberships a club sells: time-based, visit packs, monthly recurring; priced in its currency with VAT.</summary>
public static class PlanEndpoints
{
    public const string Route = "/api/membership-plans";

    public static WebApplication MapPlans(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.PlansRead).WithTags("Membership plans");
        read.MapGet("/", ListAsync).WithSummary("The club's plans; activeOnly=true for those on sale.");
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One plan.");

        var manage = app.MapTenantGroup(Route, Permissions.PlansManage).WithTags("Membership plans");
        manage.MapPost("/", CreateAsync).WithSummary("Create a plan.");
        manage.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a plan; subscriptions already sold keep their terms.");
        manage.MapPost("/{id:guid}/deactivate", (Guid id, LiyaqaDbContext db, CancellationToken ct) => SetActiveAsync(id, false, db, ct))
            .WithSummary("Stop selling a plan.");
        manage.MapPost("/{id:guid}/activate", (Guid id, LiyaqaDbContext db, CancellationToken ct) => SetActiveAsync(id, true, db, ct))
            .WithSummary("Sell a plan again.");
        return app;
    }

    private static async Task<Ok<List<PlanResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct, bool activeOnly = false)
    {
        var vat = (await db.CurrentTenantAsync(ct)).VatRate;
        var plans = await db.MembershipPlans.AsNoTracking().Where(p => !activeOnly || p.IsActive).OrderBy(p => p.NameEn).ToListAsync(ct);
        return TypedResults.Ok(plans.Select(p => PlanResponse.From(p, vat)).ToList());
    }

    private static async Task<Results<Ok<PlanResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.MembershipPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } plan
            ? TypedResults.Ok(PlanResponse.From(plan, (await db.CurrentTenantAsync(ct)).VatRate))
            : TypedResults.NotFound();

    private static async Task<Created<PlanResponse>> CreateAsync(PlanDetails request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var plan = MembershipPlan.Create(request, clock.GetUtcNow());
        await RequireBranchesAsync(db, plan.Terms, ct);
        db.MembershipPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Route}/{plan.Id}", PlanResponse.From(plan, (await db.CurrentTenantAsync(ct)).VatRate));
    }

    private static async Task<Results<Ok<PlanResponse>, NotFound>> UpdateAsync(Guid id, PlanDetails request, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.MembershipPlans.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } plan)
        {
            return TypedResults.NotFound();
        }

        plan.Update(request);
        await RequireBranchesAsync(db, plan.Terms, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PlanResponse.From(plan, (await db.CurrentTenantAsync(ct)).VatRate));
    }

    private static async Task<Results<Ok<PlanResponse>, NotFound>> SetActiveAsync(Guid id, bool active, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.MembershipPlans.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } plan)
        {
            return TypedResults.NotFound();
        }

        plan.SetActive(active);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PlanResponse.From(plan, (await db.CurrentTenantAsync(ct)).VatRate));
    }

    private static async Task RequireBranchesAsync(LiyaqaDbContext db, PlanTerms terms, CancellationToken ct)
    {
        var ids = terms.BranchIds.ToList();
        if (ids.Count > 0 && await db.Branches.CountAsync(b => ids.Contains(b.Id), ct) != ids.Count)
        {
            throw new DomainValidationException("terms.branchIds", "Every branch must be one of the club's branches.");
        }
    }
}
