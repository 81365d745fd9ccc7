using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>
/// A trainer as members see them. <c>Id</c> is the trainer's user id (the <c>trainerId</c> of classes); without a
/// profile yet, both names are the account's name and the rest is empty.
/// </summary>
public sealed record TrainerResponse(
    Guid Id, string DisplayNameEn, string DisplayNameAr, string? BioEn, string? BioAr, IReadOnlyList<string> Specialities, string? PhotoUrl, bool HasProfile)
{
    public static TrainerResponse From(User user, TrainerProfile? profile) => profile is null
        ? new(user.Id, user.DisplayName, user.DisplayName, null, null, [], null, false)
        : new(user.Id, profile.DisplayNameEn, profile.DisplayNameAr, profile.BioEn, profile.BioAr, profile.Specialities, profile.PhotoUrl, true);
}

/// <summary>
/// The club's trainers — enabled users with the Trainer role — with their profiles, for everyone who reads the
/// timetable (members pick classes by trainer). Staff who manage classes edit any profile; a trainer edits their own.
/// </summary>
public static class TrainerEndpoints
{
    public const string Route = "/api/trainers";

    public static WebApplication MapTrainers(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.ClassesRead).WithTags("Classes");
        read.MapGet("/", ListAsync).WithSummary("The club's trainers (enabled users with the Trainer role) with their profiles.");
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One trainer by user id, with their profile.");
        app.MapTenantGroup(Route, Permissions.TrainerProfilesEdit).WithTags("Classes")
            .MapPut("/{id:guid}/profile", ChangeProfileAsync)
            .WithSummary("Set a trainer's profile: names and bio in English and Arabic, specialities, photo URL (a trainer only their own).");
        return app;
    }

    private static async Task<Ok<List<TrainerResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await (
            from u in EnabledTrainers(db)
            join p in db.TrainerProfiles.AsNoTracking() on u.Id equals p.Id into profiles
            from p in profiles.DefaultIfEmpty()
            orderby u.DisplayName
            select new { User = u, Profile = p }).ToListAsync(ct))
            .Select(x => TrainerResponse.From(x.User, x.Profile)).ToList());

    private static async Task<Results<Ok<TrainerResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await EnabledTrainers(db).SingleOrDefaultAsync(u => u.Id == id, ct) is not { } trainer)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(TrainerResponse.From(trainer, await db.TrainerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)));
    }

    private static async Task<Results<Ok<TrainerResponse>, NotFound, ProblemHttpResult>> ChangeProfileAsync(
        Guid id, TrainerProfileDetails request, ClaimsPrincipal caller, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var trainer = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (trainer is null || !trainer.HasRole(Role.Trainer))
        {
            return TypedResults.NotFound();
        }

        var managesClasses = Permissions.Matrix[Permissions.ClassesManage].Any(role => caller.IsInRole(role.ToString()));
        if (!managesClasses && caller.FindFirstValue(AccessTokens.Claims.Subject) != id.ToString())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "A trainer changes only their own profile.");
        }

        var now = clock.GetUtcNow();
        var profile = await db.TrainerProfiles.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (profile is null)
        {
            profile = TrainerProfile.Create(trainer, request, now);
            db.TrainerProfiles.Add(profile);
        }
        else
        {
            profile.Change(request, now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TrainerResponse.From(trainer, profile));
    }

    /// <summary>The club's enabled users holding the Trainer role (roles are a text[] column, so the filter is SQL).</summary>
    private static IQueryable<User> EnabledTrainers(LiyaqaDbContext db) =>
        db.Users.FromSql($"SELECT *, xmin FROM users WHERE enabled AND {nameof(Role.Trainer)} = ANY(roles)").AsNoTracking();
}
