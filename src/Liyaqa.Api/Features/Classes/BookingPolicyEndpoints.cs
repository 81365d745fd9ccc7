using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// The club's booking rules: members and staff read them (the app shows the cancellation terms); managers change
/// them. Until a club saves its own, it books by the defaults.
/// </summary>
public static class BookingPolicyEndpoints
{
    public const string Route = "/api/booking-policy";

    public static WebApplication MapBookingPolicy(this WebApplication app)
    {
        app.MapTenantGroup(Route, Permissions.ClassesRead).WithTags("Bookings")
            .MapGet("/", async (LiyaqaDbContext db, CancellationToken ct) => TypedResults.Ok((await db.CurrentBookingPolicyAsync(ct)).Details))
            .WithSummary("Booking window, late-cancel cutoff and penalty, waitlist cut-off, reminders and the no-show policy.");
        app.MapTenantGroup(Route, Permissions.ClassesManage).WithTags("Bookings")
            .MapPut("/", ChangeAsync)
            .WithSummary("Change the club's booking rules (every field; fees are VAT-inclusive in the club's currency).");
        return app;
    }

    private static async Task<Ok<BookingPolicyDetails>> ChangeAsync(BookingPolicyDetails request, LiyaqaDbContext db, CancellationToken ct)
    {
        var policy = await db.CurrentBookingPolicyAsync(ct);
        policy.Change(request);
        if (db.Entry(policy).State == Microsoft.EntityFrameworkCore.EntityState.Detached)
        {
            db.BookingPolicies.Add(policy);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(policy.Details);
    }
}
