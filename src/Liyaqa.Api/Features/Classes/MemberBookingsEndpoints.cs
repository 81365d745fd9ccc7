using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>One of a member's places as the front desk sees it: the class, its status, and where it stands in the waitlist.</summary>
public sealed record MemberBookingResponse(
    Guid Id, Guid SessionId, string ClassNameEn, string ClassNameAr, Guid BranchId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool ClassCancelled,
    BookingStatus Status, int? WaitlistPosition, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);

/// <summary>A member's class bookings for staff (the member profile): upcoming places and waitlist places, or the history.</summary>
public static class MemberBookingsEndpoints
{
    public const int MaxBookings = 200;

    public static WebApplication MapMemberBookings(this WebApplication app)
    {
        app.MapTenantGroup("/api/members", Permissions.MembersRead).WithTags("Bookings")
            .MapGet("/{id:guid}/bookings", ListAsync)
            .WithSummary($"A member's bookings, cancelled ones too: classes not yet ended, soonest first (past=true: classes started before now, latest first); at most {MaxBookings}.");
        return app;
    }

    private static async Task<Results<Ok<List<MemberBookingResponse>>, NotFound>> ListAsync(Guid id, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct, bool past = false)
    {
        if (!await db.Members.AnyAsync(m => m.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var rows =
            from b in db.Bookings.AsNoTracking()
            join s in db.ClassSessions.AsNoTracking() on b.SessionId equals s.Id
            join t in db.ClassTypes.AsNoTracking() on s.ClassTypeId equals t.Id
            where b.MemberId == id && (past ? s.StartsAt < now : s.EndsAt >= now)
            select new { b, s, t };
        var ordered = past ? rows.OrderByDescending(r => r.s.StartsAt) : rows.OrderBy(r => r.s.StartsAt);
        var bookings = await ordered
            .Select(r => new MemberBookingResponse(
                r.b.Id, r.s.Id, r.t.NameEn, r.t.NameAr, r.s.BranchId, r.s.StartsAt, r.s.EndsAt, r.s.Status == SessionStatus.Cancelled, r.b.Status,
                r.b.Status == BookingStatus.Waitlisted
                    ? (int?)db.Bookings.Count(w => w.SessionId == r.b.SessionId && w.Status == BookingStatus.Waitlisted && w.CreatedAt <= r.b.CreatedAt)
                    : null,
                r.b.CreatedAt, r.b.CancelledAt))
            .Take(MaxBookings)
            .ToListAsync(ct);
        return TypedResults.Ok(bookings);
    }
}
