using System.ComponentModel.DataAnnotations;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

/// <summary>What a club changes of itself: its name and the time zone its dates are in.</summary>
public sealed record ClubProfileRequest([property: MaxLength(Tenant.MaxNameLength)] string Name, [property: MaxLength(ClubProfileEndpoints.MaxTimeZoneLength)] string TimeZone);

/// <summary>The club as its owner sees it; slug, currency and VAT rate are set when the platform provisions it.</summary>
public sealed record ClubProfileResponse(string Slug, string Name, string TimeZone, string Currency, decimal VatRate, string? VatNumber, DateTimeOffset CreatedAt)
{
    public static ClubProfileResponse From(Tenant t) => new(t.Slug, t.Name, t.TimeZone, t.Currency, t.VatRate, t.VatNumber, t.CreatedAt);
}

/// <summary>The club's own profile, read and changed by its owners and admins.</summary>
public static class ClubProfileEndpoints
{
    public const string Route = "/api/club";
    public const int MaxTimeZoneLength = 64;

    public static WebApplication MapClubProfile(this WebApplication app)
    {
        var club = app.MapTenantGroup(Route, Permissions.ClubSettings).WithTags("Club");
        club.MapGet("/", async (LiyaqaDbContext db, CancellationToken ct) => TypedResults.Ok(ClubProfileResponse.From(await db.CurrentTenantAsync(ct))))
            .WithSummary("The club's profile.");
        club.MapPut("/", ChangeAsync).WithSummary("Rename the club or change its time zone (an IANA id such as Asia/Riyadh).");
        return app;
    }

    private static async Task<Ok<ClubProfileResponse>> ChangeAsync(ClubProfileRequest request, LiyaqaDbContext db, CancellationToken ct)
    {
        var tenant = await db.Tenants.SingleAsync(t => t.Id == db.CurrentTenantId, ct);
        tenant.ChangeProfile(request.Name, request.TimeZone);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ClubProfileResponse.From(tenant));
    }
}
