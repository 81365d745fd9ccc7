using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.CheckIns;
using Liyaqa.Api.Features.Subscriptions;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Members;

public sealed record MyMembership(MemberResponse Member, IReadOnlyList<SubscriptionResponse> Subscriptions);

/// <summary>The member app: a member's own membership, freezing it within the plan's rules, and the entry pass.</summary>
public static class MemberSelfServiceEndpoints
{
    public const string Route = "/api/me";

    public static WebApplication MapMemberSelfService(this WebApplication app)
    {
        var me = app.MapTenantGroup(Route, Permissions.MemberSelfService).WithTags("Member app");
        me.MapGet("/membership", MembershipAsync).WithSummary("My member profile and subscriptions.");
        me.MapPost("/subscriptions/{id:guid}/freezes", FreezeAsync).WithSummary("Freeze my subscription within the plan's rules.");
        me.MapPost("/check-in-pass", PassAsync).WithSummary("A QR entry pass, valid for a minute.");
        return app;
    }

    private static async Task<Results<Ok<MyMembership>, NotFound>> MembershipAsync(ClaimsPrincipal user, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.SignedInMemberAsync(user, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.MemberId == member.Id).OrderByDescending(s => s.StartDate).ToListAsync(ct);
        return TypedResults.Ok(new MyMembership(MemberResponse.From(member), subscriptions.Select(SubscriptionResponse.From).ToList()));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, NotFound>> FreezeAsync(
        Guid id, FreezeRequest request, ClaimsPrincipal user, LiyaqaDbContext db, SubscriptionChanges changes, CancellationToken ct) =>
        await db.SignedInMemberAsync(user, ct) is { } member ? await changes.FreezeAsync(id, request, member.Id, ct) : TypedResults.NotFound();

    private static async Task<Results<Ok<CheckInPass>, NotFound>> PassAsync(ClaimsPrincipal user, LiyaqaDbContext db, CheckInPasses passes, CancellationToken ct) =>
        await db.SignedInMemberAsync(user, ct) is { IsArchived: false } member
            ? TypedResults.Ok(await passes.IssueAsync(member.TenantId, member.Id, ct))
            : TypedResults.NotFound();
}
