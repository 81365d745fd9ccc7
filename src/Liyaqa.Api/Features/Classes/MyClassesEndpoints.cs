using System.Security.Claims;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

public sealed record MyBooking(Guid Id, Guid SessionId, string ClassNameEn, string ClassNameAr, Guid BranchId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, BookingStatus Status);

public sealed record CalendarFeed(string Url);

/// <summary>
/// A member's classes in the member app, and as a calendar: a secret feed URL any calendar app subscribes to
/// (no sign-in, so the URL is the secret; a new one ends the old, and it can be revoked).
/// </summary>
public static class MyClassesEndpoints
{
    public const string FeedRoute = "/api/calendar";

    public static WebApplication MapMyClasses(this WebApplication app)
    {
        var me = app.MapTenantGroup("/api/me", Permissions.MemberSelfService).WithTags("Member app");
        me.MapGet("/bookings", MyBookingsAsync).WithSummary("My bookings and waitlist places, from today on (past=true for history).");
        me.MapPost("/calendar-feed", IssueFeedAsync).WithSummary("A secret calendar URL of my booked classes (replaces any earlier one).");
        me.MapDelete("/calendar-feed", RevokeFeedAsync).WithSummary("End my calendar URL.");

        app.MapGet($"{FeedRoute}/{{tenantId:guid}}/{{secret}}", FeedAsync).AllowAnonymous().WithTags("Member app")
            .WithSummary("The iCalendar feed behind a member's secret URL.");
        return app;
    }

    private static async Task<Results<Ok<List<MyBooking>>, NotFound>> MyBookingsAsync(ClaimsPrincipal user, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct, bool past = false)
    {
        if (await db.SignedInMemberAsync(user, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        return TypedResults.Ok(await BookingsOf(db, member.Id, past ? null : now, past ? now : null, bookedOnly: false).Take(200).ToListAsync(ct));
    }

    private static async Task<Results<Ok<CalendarFeed>, NotFound>> IssueFeedAsync(ClaimsPrincipal user, HttpRequest request, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.SignedInMemberAsync(user, ct, track: true) is not { } member)
        {
            return TypedResults.NotFound();
        }

        var secret = member.IssueCalendarToken();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CalendarFeed($"{request.Scheme}://{request.Host}{FeedRoute}/{member.TenantId}/{secret}"));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeFeedAsync(ClaimsPrincipal user, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.SignedInMemberAsync(user, ct, track: true) is not { } member)
        {
            return TypedResults.NotFound();
        }

        member.RevokeCalendarToken();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> FeedAsync(Guid tenantId, string secret, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        var hash = Member.HashCalendarToken(secret);
        var now = clock.GetUtcNow();
        var bookings = await scopes.RunAsync(tenantId, async (_, db) =>
        {
            var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.CalendarTokenHash == hash && m.ArchivedAt == null, ct);
            return member is null ? null : await BookingsOf(db, member.Id, now.AddDays(-30), null, bookedOnly: true).ToListAsync(ct);
        }, ct);
        if (bookings is null)
        {
            return TypedResults.NotFound();
        }

        var calendar = new Calendar { ProductId = "-//Liyaqa//Classes//EN" };
        foreach (var booking in bookings)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{booking.Id}@liyaqa",
                Summary = $"{booking.ClassNameEn} · {booking.ClassNameAr}",
                DtStart = new CalDateTime(booking.StartsAt.UtcDateTime),
                DtEnd = new CalDateTime(booking.EndsAt.UtcDateTime),
            });
        }

        return TypedResults.Text(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty, "text/calendar; charset=utf-8");
    }

    /// <summary>A member's places (not cancelled) in classes ending from <paramref name="endsFrom"/> and starting before <paramref name="startsBefore"/>.</summary>
    private static IQueryable<MyBooking> BookingsOf(LiyaqaDbContext db, Guid memberId, DateTimeOffset? endsFrom, DateTimeOffset? startsBefore, bool bookedOnly) =>
        from b in db.Bookings.AsNoTracking()
        join s in db.ClassSessions.AsNoTracking() on b.SessionId equals s.Id
        join t in db.ClassTypes.AsNoTracking() on s.ClassTypeId equals t.Id
        where b.MemberId == memberId && b.Status != BookingStatus.Cancelled && (!bookedOnly || b.Status == BookingStatus.Booked)
            && (endsFrom == null || s.EndsAt >= endsFrom) && (startsBefore == null || s.StartsAt < startsBefore)
        orderby s.StartsAt
        select new MyBooking(b.Id, s.Id, t.NameEn, t.NameAr, s.BranchId, s.StartsAt, s.EndsAt, b.Status);
}
