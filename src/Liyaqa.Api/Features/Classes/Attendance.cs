using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Classes;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// Marks a place attended or missed, and keeps the no-show fee in step: a place that becomes a no-show raises the
/// club's no-show fee (if it has one); a no-show corrected to attended has its open fee waived.
/// </summary>
public static class Attendance
{
    public const string CorrectedToAttended = "Marked attended after all.";

    public static async Task MarkAsync(LiyaqaDbContext db, Booking booking, bool attended, BookingPolicy policy, decimal vatRate, DateTimeOffset now, CancellationToken ct)
    {
        var wasNoShow = booking.Status == BookingStatus.NoShow;
        booking.MarkAttendance(attended);
        if (!attended && !wasNoShow
            && MemberCharge.Raise(booking.MemberId, booking.Id, ChargeReason.NoShow, policy.NoShowFee, vatRate, now) is { } fee
            && !await db.MemberCharges.AnyAsync(c => c.BookingId == booking.Id && c.Reason == ChargeReason.NoShow, ct))
        {
            db.MemberCharges.Add(fee);
        }

        if (attended && wasNoShow
            && await db.MemberCharges.SingleOrDefaultAsync(c => c.BookingId == booking.Id && c.Reason == ChargeReason.NoShow && c.Status == ChargeStatus.Open, ct) is { } open)
        {
            open.Waive(CorrectedToAttended, now);
        }
    }
}
