using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Classes.Specifications;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Persistence.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// What happens to places when things change around them: a freed place goes to the first in line who still
/// qualifies; a member whose membership no longer covers a booked class (frozen, cancelled) loses the place,
/// gets the credit back and is told — and the place goes on to the waitlist.
/// </summary>
public sealed class ClassPlaces(LiyaqaDbContext db, ClassMessages messages, TimeProvider clock)
{
    /// <summary>
    /// The earliest waitlisted member who still qualifies takes a place that is free, under the class's row lock —
    /// until the waitlist closes at the club's promotion cut-off. Places are counted with the caller's unsaved
    /// changes (the cancellation that freed one), so the whole request still commits once.
    /// </summary>
    public async Task PromoteFirstInLineAsync(ClassSession session, CancellationToken ct)
    {
        await db.LockClassAsync(session.Id, ct);
        var policy = await db.CurrentBookingPolicyAsync(ct);
        if (session.WaitlistClosedAt is not null || clock.GetUtcNow() > session.StartsAt - policy.PromotionClosesBefore
            || await PlacesTakenAsync(session, ct) >= session.Capacity)
        {
            return;
        }

        var tenant = await db.CurrentTenantAsync(ct);
        var day = tenant.DateAt(session.StartsAt);
        var waitlist = await db.Bookings.Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Waitlisted).OrderBy(b => b.CreatedAt).ToListAsync(ct);
        foreach (var waiting in waitlist.Where(b => b.Status == BookingStatus.Waitlisted))
        {
            var subscriptions = await db.Subscriptions.Where(s => s.MemberId == waiting.MemberId).ToListAsync(ct);
            if (BookingRules.SubscriptionFor(session, subscriptions, day) is not { } usable)
            {
                continue;
            }

            usable.UseClassCredit();
            waiting.Promote(usable.Id);
            await messages.TellAsync(tenant, await db.Members.AsNoTracking().SingleAsync(m => m.Id == waiting.MemberId, ct), session, MessageTemplates.WaitlistPromoted, null, ct);
            BookingMetrics.Requested("promoted");
            return;
        }
    }

    /// <summary>Booked places of the class as stored, corrected by this unit of work's changes not yet saved.</summary>
    private async Task<int> PlacesTakenAsync(ClassSession session, CancellationToken ct)
    {
        var stored = await db.Bookings.CountAsync(b => b.SessionId == session.Id && b.Status == BookingStatus.Booked, ct);
        var pending = db.ChangeTracker.Entries<Booking>().Where(e => e.Entity.SessionId == session.Id).Sum(e =>
        {
            var bookedNow = e.State != EntityState.Deleted && e.Entity.Status == BookingStatus.Booked ? 1 : 0;
            var bookedStored = e.State != EntityState.Added && e.Property(b => b.Status).OriginalValue == BookingStatus.Booked ? 1 : 0;
            return bookedNow - bookedStored;
        });
        return stored + pending;
    }

    /// <summary>Cancels the member's future places their memberships no longer cover, after a freeze or cancellation.</summary>
    public async Task ReleaseUncoveredAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenant = await db.CurrentTenantAsync(ct);
        var subscriptions = db.ChangeTracker.Entries<Domain.Memberships.Subscription>().Select(e => e.Entity).Where(s => s.MemberId == memberId)
            .Concat(await db.Subscriptions.Where(s => s.MemberId == memberId).ToListAsync(ct)).DistinctBy(s => s.Id).ToList();
        var places = await db.Bookings.WithSpecification(new ActivePlacesSpec(memberId: memberId))
            .Join(db.ClassSessions.Where(s => s.StartsAt > now), b => b.SessionId, s => s.Id, (b, s) => new { Booking = b, Session = s }).ToListAsync(ct);
        Member? member = null;
        foreach (var place in places)
        {
            var day = tenant.DateAt(place.Session.StartsAt);
            if (subscriptions.Any(s => BookingRules.Covers(s, place.Session, day)))
            {
                continue;
            }

            var held = place.Booking.Status == BookingStatus.Booked ? place.Booking.SubscriptionId : null;
            place.Booking.Cancel(late: false, now);
            subscriptions.SingleOrDefault(s => s.Id == held)?.ReturnClassCredit();
            member ??= await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, ct);
            await messages.TellAsync(tenant, member, place.Session, MessageTemplates.BookingCancelled,
                member.Language == Languages.Arabic ? "العضوية لا تغطي موعد الكلاس (مجمدة أو ملغاة)." : "The membership does not cover the class's day (frozen or cancelled).", ct);
            if (held is not null)
            {
                await PromoteFirstInLineAsync(place.Session, ct);
            }
        }
    }

    /// <summary>Cancels a class: every place and waitlist place is cancelled, credits return, and each member is told.</summary>
    public async Task CancelClassAsync(ClassSession session, CancellationToken ct)
    {
        session.Cancel();
        var tenant = await db.CurrentTenantAsync(ct);
        var bookings = await db.Bookings.WithSpecification(new ActivePlacesSpec(session.Id)).ToListAsync(ct);
        var subscriptionIds = bookings.Select(b => b.SubscriptionId).OfType<Guid>().ToList();
        var subscriptions = await db.Subscriptions.Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var memberIds = bookings.Select(b => b.MemberId).ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        foreach (var booking in bookings)
        {
            if (booking.Status == BookingStatus.Booked && booking.SubscriptionId is { } held && subscriptions.TryGetValue(held, out var subscription))
            {
                subscription.ReturnClassCredit();
            }

            booking.Cancel(late: false, clock.GetUtcNow());
            var member = members[booking.MemberId];
            await messages.TellAsync(tenant, member, session, MessageTemplates.BookingCancelled,
                member.Language == Languages.Arabic ? "أُلغي الكلاس من قبل النادي." : "The club cancelled the class.", ct);
        }
    }
}
