using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Liyaqa.Api.Common.Idempotency;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

public sealed record DayCloseRequest(DateOnly Day, decimal CountedCash, [property: MaxLength(DrawerClose.MaxNoteLength)] string? Note = null);

/// <summary>What a branch took on one of the club's days, by method; <c>Close</c> is set once the drawer was closed.</summary>
public sealed record DayTakingsResponse(Guid BranchId, DateOnly Day, string Currency, IReadOnlyDictionary<PaymentMethod, decimal> ByMethod, decimal ExpectedCash, DrawerCloseResponse? Close);

public sealed record DrawerCloseResponse(Guid Id, decimal ExpectedCash, decimal CountedCash, decimal Difference, string? Note, Guid ClosedBy, DateTimeOffset ClosedAt)
{
    public static DrawerCloseResponse From(DrawerClose c) => new(c.Id, c.ExpectedCash, c.CountedCash, c.Difference, c.Note, c.ClosedBy, c.ClosedAt);
}

/// <summary>The cash-drawer day close per branch: the day's takings (refunds taken off) against the cash counted.</summary>
public static class DayCloseEndpoints
{
    public static WebApplication MapDayClose(this WebApplication app)
    {
        var group = app.MapTenantGroup("/api/branches", Permissions.PaymentsRecord).WithTags("Billing");
        group.MapGet("/{id:guid}/day-close", TakingsAsync).WithSummary("A branch's takings on a day of the club (default today) by method, and its close if done.");
        group.MapPost("/{id:guid}/day-close", CloseAsync).WithIdempotencyKey().WithSummary("Close the branch's cash drawer for a day: expected against counted cash; once per day.");
        return app;
    }

    private static async Task<Results<Ok<DayTakingsResponse>, NotFound>> TakingsAsync(Guid id, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct, DateOnly? day = null)
    {
        if (!await db.Branches.AnyAsync(b => b.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var tenant = await db.CurrentTenantAsync(ct);
        var date = day ?? tenant.DateAt(clock.GetUtcNow());
        var takings = await TakingsOfAsync(db, tenant, id, date, ct);
        var close = await db.DrawerCloses.AsNoTracking().SingleOrDefaultAsync(c => c.BranchId == id && c.Day == date, ct);
        return TypedResults.Ok(new DayTakingsResponse(id, date, tenant.Currency, takings, takings.GetValueOrDefault(PaymentMethod.Cash), close is null ? null : DrawerCloseResponse.From(close)));
    }

    private static async Task<Results<Created<DrawerCloseResponse>, NotFound>> CloseAsync(Guid id, DayCloseRequest request, ClaimsPrincipal caller, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Branches.AnyAsync(b => b.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var tenant = await db.CurrentTenantAsync(ct);
        var now = clock.GetUtcNow();
        var closedBy = Guid.Parse(caller.FindFirstValue(AccessTokens.Claims.Subject)!);
        var close = DrawerClose.Close(id, request.Day, await TakingsOfAsync(db, tenant, id, request.Day, ct), request.CountedCash, request.Note, closedBy, tenant.DateAt(now), now);
        db.DrawerCloses.Add(close);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/branches/{id}/day-close?day={request.Day:yyyy-MM-dd}", DrawerCloseResponse.From(close));
    }

    /// <summary>Payments less refunds taken at the branch on the club's <paramref name="day"/>, by method.</summary>
    private static async Task<Dictionary<PaymentMethod, decimal>> TakingsOfAsync(LiyaqaDbContext db, Tenant tenant, Guid branchId, DateOnly day, CancellationToken ct)
    {
        Reports.CheckDay(day, "day");
        var (from, to) = (Reports.StartOfDay(tenant, day), Reports.StartOfDay(tenant, day.AddDays(1)));
        var sums = await db.Payments.Where(p => p.BranchId == branchId && p.ReceivedAt >= from && p.ReceivedAt < to)
            .GroupBy(p => p.Method).Select(g => new { Method = g.Key, Total = g.Sum(p => p.Amount) }).ToListAsync(ct);
        return Enum.GetValues<PaymentMethod>().ToDictionary(m => m, m => sums.SingleOrDefault(s => s.Method == m)?.Total ?? 0m);
    }
}
