using System.Security.Claims;
using Liyaqa.Api.Common.Idempotency;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Classes.Specifications;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Persistence.Specifications;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>Staff name the member; a member books for themselves and leaves it out.</summary>
public sealed record BookRequest(Guid? MemberId);

public sealed record BookingResponse(Guid Id, Guid SessionId, Guid MemberId, BookingStatus Status, int? WaitlistPosition, DateTimeOffset CreatedAt)
{
    public static BookingResponse From(Booking b, int? position = null) => new(b.Id, b.SessionId, b.MemberId, b.Status, position, b.CreatedAt);
}

/// <summary>
/// Booking a class with no overbooking: each booking and cancellation locks the class's row, so parallel
/// requests for the last place queue and exactly one gets it; the rest join the waitlist. A retried POST with
/// the same Idempotency-Key returns the first answer (the shared idempotency filter). A cancelled place goes to the
/// first in line who still qualifies, who is told.
/// </summary>
public static class BookingEndpoints
{
    public const string SessionsRoute = "/api/class-sessions";
    public const string Route = "/api/bookings";

    public static WebApplication MapBookings(this WebApplication app)
    {
        var book = app.MapTenantGroup(SessionsRoute, Permissions.BookingsCreate).WithTags("Bookings");
        book.MapPost("/{id:guid}/bookings", BookAsync).WithIdempotencyKey()
            .WithSummary("Book a place (or a waitlist place); send Idempotency-Key to make retries safe.");
        app.MapTenantGroup(SessionsRoute, Permissions.ClassesManage).WithTags("Bookings")
            .MapGet("/{id:guid}/bookings", ListAsync).WithSummary("A class's bookings and its waitlist in order.");
        app.MapTenantGroup(Route, Permissions.BookingsCreate).WithTags("Bookings")
            .MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Cancel a booking (after the cutoff the club's late-cancel penalty applies); the first in line is promoted.");
        app.MapTenantGroup(Route, Permissions.AttendanceMark).WithTags("Bookings")
            .MapPost("/{id:guid}/attendance", MarkAttendanceAsync).WithSummary("Mark a booked place attended or missed (trainer or front desk); a missed place raises the no-show fee.");
        return app;
    }

    private static async Task<Results<Created<BookingResponse>, NotFound>> BookAsync(
        Guid id, BookRequest request, ClaimsPrincipal caller, LiyaqaDbContext db, ClubSettingsCache clubs, ClassMessages messages, TimeProvider clock, CancellationToken ct)
    {
        var read = await db.ClassSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { Session = s, Version = EF.Property<uint>(s, "Version") }).SingleOrDefaultAsync(ct);
        var session = read?.Session;
        var member = session is null ? null : await MemberForAsync(caller, request.MemberId, db, ct);
        if (session is null || member is null)
        {
            return TypedResults.NotFound();
        }

        // What depends only on the member is read before the class's row lock, so the lock is held briefly.
        var club = await clubs.ForAsync(db, ct);
        var (tenant, policy) = (club.Tenant, club.BookingPolicy);
        var now = clock.GetUtcNow();
        var subscriptions = await db.Subscriptions.Where(s => s.MemberId == member.Id).ToListAsync(ct);
        // The member's places that the rules weigh, in one query: future and this class's (active), last month's no-shows.
        var monthAgo = now.AddDays(-30);
        var places = await db.Bookings.Where(b => b.MemberId == member.Id)
            .Join(db.ClassSessions, b => b.SessionId, s => s.Id, (b, s) => new { b.SessionId, b.Status, s.StartsAt, s.EndsAt })
            .Where(p => ((p.Status == BookingStatus.Booked || p.Status == BookingStatus.Waitlisted) && (p.StartsAt > now || p.SessionId == id))
                || (p.Status == BookingStatus.NoShow && p.EndsAt > monthAgo))
            .ToListAsync(ct);
        var active = places.Where(p => p.Status != BookingStatus.NoShow).ToList();
        var future = active.Count(p => p.StartsAt > now);
        var noShows = places.Where(p => p.Status == BookingStatus.NoShow).Select(p => p.EndsAt).ToList();
        // Written now and sent only if a place is taken: the lock is then held for the place alone.
        var confirmation = await messages.WriteAsync(tenant, member, session, MessageTemplates.BookingConfirmed, null, ct);
        Domain.Memberships.Subscription subscription;
        RowLocks.LockedPlaces taken;
        bool seatFree;
        try
        {
            BookingRules.Check(session, subscriptions, tenant.DateAt(session.StartsAt), future, active.Any(p => p.SessionId == id), policy, now, noShows);

            // Again on the locked row: the places taken, and whether a parallel request booked the member. A class
            // changed since it was read (rescheduled, resized, cancelled) is read again under the lock.
            taken = await db.LockClassCountingPlacesAsync(id, member.Id, ct);
            if (taken.Version != read!.Version)
            {
                session = await db.LockClassAsync(id, ct);
            }

            subscription = BookingRules.Check(session, subscriptions, tenant.DateAt(session.StartsAt), future, taken.MemberHasOne, policy, now, noShows)!;
            seatFree = taken.Booked < session.Capacity;
            if (!seatFree)
            {
                BookingRules.RequireWaitlistOpen(session, policy, now);
            }
        }
        catch (DomainRuleException)
        {
            BookingMetrics.Requested("rejected");
            throw;
        }

        if (seatFree)
        {
            subscription.UseClassCredit();
        }

        // Stamped once the class is locked, so the waitlist's order (by time) is the order its places were counted in.
        var booking = Booking.Take(id, member.Id, seatFree ? subscription.Id : null, seatFree, clock.GetUtcNow());
        db.Bookings.Add(booking);
        if (seatFree && confirmation is not null)
        {
            messages.Send(confirmation);
        }

        await db.SaveChangesAsync(ct);
        BookingMetrics.Requested(seatFree ? "booked" : "waitlisted");
        return TypedResults.Created($"{Route}/{booking.Id}", BookingResponse.From(booking, seatFree ? null : taken.Waitlisted + 1));
    }

    private static async Task<Results<Ok<List<BookingResponse>>, NotFound>> ListAsync(Guid id, LiyaqaDbContext db, CancellationToken ct)
    {
        if (!await db.ClassSessions.AnyAsync(s => s.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var bookings = await db.Bookings.AsNoTracking().Where(b => b.SessionId == id).OrderBy(b => b.CreatedAt).ToListAsync(ct);
        var position = 0;
        return TypedResults.Ok(bookings.Select(b => BookingResponse.From(b, b.Status == BookingStatus.Waitlisted ? ++position : null)).ToList());
    }

    private static async Task<Results<Ok<BookingResponse>, NotFound>> CancelAsync(
        Guid id, ClaimsPrincipal caller, LiyaqaDbContext db, ClassPlaces places, TimeProvider clock, CancellationToken ct)
    {
        var sessionId = await db.Bookings.Where(b => b.Id == id).Select(b => (Guid?)b.SessionId).SingleOrDefaultAsync(ct);
        var session = sessionId is null ? null : await db.LockClassAsync(sessionId.Value, ct);
        var booking = session is null ? null : await db.Bookings.SingleAsync(b => b.Id == id, ct);
        if (booking is null || session is null || (IsMemberOnly(caller) && (await MemberForAsync(caller, null, db, ct))?.Id != booking.MemberId))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var policy = await db.CurrentBookingPolicyAsync(ct);
        var freedPlace = booking.Status == BookingStatus.Booked;
        booking.Cancel(policy.IsLateCancellation(session, now), now);
        var late = booking.Status == BookingStatus.LateCancelled;
        if (freedPlace && policy.ReturnsCredit(late) && booking.SubscriptionId is { } held)
        {
            (await db.Subscriptions.SingleAsync(s => s.Id == held, ct)).ReturnClassCredit();
        }

        if (policy.CancellationFee(late) is > 0 and var amount)
        {
            var vatRate = (await db.CurrentTenantAsync(ct)).VatRate;
            db.MemberCharges.Add(MemberCharge.Raise(booking.MemberId, booking.Id, ChargeReason.LateCancellation, amount, vatRate, now)!);
        }

        BookingMetrics.Cancelled(late);
        if (freedPlace)
        {
            await places.PromoteFirstInLineAsync(session, ct);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BookingResponse.From(booking));
    }

    public sealed record AttendanceRequest(bool Attended);

    private static async Task<Results<Ok<BookingResponse>, NotFound>> MarkAttendanceAsync(
        Guid id, AttendanceRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Bookings.SingleOrDefaultAsync(b => b.Id == id, ct) is not { } booking)
        {
            return TypedResults.NotFound();
        }

        var tenant = await db.CurrentTenantAsync(ct);
        await Attendance.MarkAsync(db, booking, request.Attended, await db.CurrentBookingPolicyAsync(ct), tenant.VatRate, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BookingResponse.From(booking));
    }

    private static bool IsMemberOnly(ClaimsPrincipal caller) =>
        caller.FindAll(AccessTokens.Claims.Role).Select(c => c.Value).All(r => r == nameof(Role.Member));

    /// <summary>A member books for themselves; staff book for the member they name.</summary>
    private static async Task<Member?> MemberForAsync(ClaimsPrincipal caller, Guid? memberId, LiyaqaDbContext db, CancellationToken ct)
    {
        if (IsMemberOnly(caller))
        {
            return await db.SignedInMemberAsync(caller, ct) is { ArchivedAt: null } self ? self : null;
        }

        return memberId is { } id
            ? await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.ArchivedAt == null, ct)
            : throw new DomainValidationException("memberId", "Name the member to book for.");
    }
}
