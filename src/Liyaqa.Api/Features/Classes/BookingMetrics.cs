using System.Diagnostics.Metrics;
using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Features.Classes;

/// <summary>What booking counts for Grafana: <c>liyaqa_bookings_total{result}</c> and <c>liyaqa_booking_cancellations_total{kind}</c>.</summary>
internal static class BookingMetrics
{
    private static readonly Meter Meter = new("Liyaqa.Bookings");
    private static readonly Counter<long> Bookings = Meter.CreateCounter<long>("liyaqa.bookings", description: "Booking requests by result (booked, waitlisted, rejected, promoted)");
    private static readonly Counter<long> Cancellations = Meter.CreateCounter<long>("liyaqa.booking_cancellations", description: "Cancelled bookings by kind (free, late)");

    /// <summary>Every result and kind at zero from the start (dashboards read them).</summary>
    public static void PublishAtZero()
    {
        Bookings.AtZero("result", "booked", "waitlisted", "rejected", "promoted");
        Cancellations.AtZero("kind", "free", "late");
    }

    public static void Requested(string result) => Bookings.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void Cancelled(bool late) => Cancellations.Add(1, new KeyValuePair<string, object?>("kind", late ? "late" : "free"));
}
