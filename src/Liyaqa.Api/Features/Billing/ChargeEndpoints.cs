using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Billing;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

public sealed record ChargeResponse(
    Guid Id, Guid MemberId, Guid BookingId, ChargeReason Reason, decimal Net, decimal Vat, decimal Total, string Currency, ChargeStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? WaivedAt, string? WaiveReason)
{
    public static ChargeResponse From(MemberCharge c, string currency) =>
        new(c.Id, c.MemberId, c.BookingId, c.Reason, c.Amount.Net, c.Amount.Vat, c.Amount.Total, currency, c.Status, c.CreatedAt, c.WaivedAt, c.WaiveReason);
}

public sealed record WaiveRequest([property: MaxLength(300)] string Reason);

/// <summary>
/// Fee lines members owe outside their membership (late cancellations, no-shows) waiting for billing: staff list
/// and waive them, members see their own.
/// </summary>
public static class ChargeEndpoints
{
    public const string Route = "/api/charges";

    public static WebApplication MapCharges(this WebApplication app)
    {
        app.MapTenantGroup(Route, Permissions.ChargesRead).WithTags("Billing")
            .MapGet("/", ListAsync).WithSummary("Fee lines, newest first; filter by memberId and status (Open, Waived).");
        app.MapTenantGroup(Route, Permissions.ChargesWaive).WithTags("Billing")
            .MapPost("/{id:guid}/waive", WaiveAsync).WithSummary("Let an open fee go, saying why.");
        app.MapTenantGroup("/api/me", Permissions.MemberSelfService).WithTags("Member app")
            .MapGet("/charges", MyChargesAsync).WithSummary("My fee lines (late cancellations, no-shows).");
        return app;
    }

    private static async Task<Ok<List<ChargeResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct, Guid? memberId = null, ChargeStatus? status = null)
    {
        var currency = (await db.CurrentTenantAsync(ct)).Currency;
        var charges = await db.MemberCharges.AsNoTracking()
            .Where(c => (memberId == null || c.MemberId == memberId) && (status == null || c.Status == status))
            .OrderByDescending(c => c.CreatedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(charges.Select(c => ChargeResponse.From(c, currency)).ToList());
    }

    private static async Task<Results<Ok<ChargeResponse>, NotFound>> WaiveAsync(Guid id, WaiveRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.MemberCharges.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } charge)
        {
            return TypedResults.NotFound();
        }

        charge.Waive(request.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChargeResponse.From(charge, (await db.CurrentTenantAsync(ct)).Currency));
    }

    private static async Task<Results<Ok<List<ChargeResponse>>, NotFound>> MyChargesAsync(ClaimsPrincipal user, LiyaqaDbContext db, CancellationToken ct) =>
        await db.SignedInMemberAsync(user, ct) is { } member ? await ListAsync(db, ct, member.Id) : TypedResults.NotFound();
}
