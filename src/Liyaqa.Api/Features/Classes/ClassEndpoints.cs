using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

public sealed record ClassTypeResponse(Guid Id, string NameEn, string NameAr, string? Description, int DurationMinutes, int DefaultCapacity, string? Color, string? Level)
{
    public static ClassTypeResponse From(ClassType t) => new(t.Id, t.NameEn, t.NameAr, t.Description, t.DurationMinutes, t.DefaultCapacity, t.Color, t.Level);
}

/// <summary>Without a capacity the class takes its type's usual capacity, capped at the room's.</summary>
public sealed record ScheduleRequest(Guid ClassTypeId, Guid BranchId, DateTimeOffset StartsAt, Guid? RoomId, Guid? TrainerId, int? Capacity);

/// <summary>What is left out stays as it is.</summary>
public sealed record ChangeSessionRequest(DateTimeOffset? StartsAt, Guid? RoomId, Guid? TrainerId, int? Capacity);

/// <summary>A class on the timetable, with what a member wants to know: where, with whom, places left and the waitlist's length.</summary>
public sealed record SessionResponse(
    Guid Id, Guid ClassTypeId, string NameEn, string NameAr, Guid BranchId, Guid? RoomId, string? RoomNameEn, string? RoomNameAr,
    Guid? TrainerId, string? TrainerNameEn, string? TrainerNameAr, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int Booked, int SpotsLeft, int Waitlisted, SessionStatus Status)
{
    /// <summary>A class as the timetable shows it: its type's names, its room and trainer, and its places.</summary>
    public static SessionResponse From(ClassSession s, ClassType t, ClassLabels labels, int booked, int waitlisted)
    {
        var (room, trainer) = (labels.RoomOf(s), labels.TrainerOf(s));
        return new(s.Id, t.Id, t.NameEn, t.NameAr, s.BranchId, s.RoomId, room?.NameEn, room?.NameAr, s.TrainerId, trainer?.En, trainer?.Ar,
            s.StartsAt, s.EndsAt, s.Capacity, booked, Math.Max(0, s.Capacity - booked), waitlisted, s.Status);
    }
}

/// <summary>The timetable: class types, classes scheduled at a branch (a room or trainer holds one class at a time), cancellation.</summary>
public static class ClassEndpoints
{
    public static WebApplication MapClasses(this WebApplication app)
    {
        app.MapTenantGroup("/api/class-types", Permissions.ClassesRead).WithTags("Classes")
            .MapGet("/", async (LiyaqaDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.ClassTypes.AsNoTracking().OrderBy(t => t.NameEn).ToListAsync(ct)).Select(ClassTypeResponse.From).ToList()))
            .WithSummary("The club's kinds of class.");
        app.MapTenantGroup("/api/class-types", Permissions.ClassesManage).WithTags("Classes")
            .MapPost("/", async (ClassTypeDetails request, LiyaqaDbContext db, CancellationToken ct) =>
            {
                var type = ClassType.Create(request);
                db.ClassTypes.Add(type);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/class-types/{type.Id}", ClassTypeResponse.From(type));
            })
            .WithSummary("Create a kind of class.");

        var read = app.MapTenantGroup(BookingEndpoints.SessionsRoute, Permissions.ClassesRead).WithTags("Classes");
        read.MapGet("/", ListAsync).WithSummary("Upcoming classes with places left and waitlist length; filter by from and to (or one day), branchId, classTypeId, trainerId.");
        var manage = app.MapTenantGroup(BookingEndpoints.SessionsRoute, Permissions.ClassesManage).WithTags("Classes");
        manage.MapPost("/", ScheduleAsync).WithSummary("Schedule a class; a clash of room or trainer is a 409 naming it.");
        manage.MapPut("/{id:guid}", ChangeAsync).WithSummary("Move one class or change its room, trainer or capacity (not below the places taken).");
        manage.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Cancel a class: every booking is cancelled, credits return, members are told.");
        return app;
    }

    private static async Task<Ok<List<SessionResponse>>> ListAsync(
        LiyaqaDbContext db, TimeProvider clock, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null, Guid? branchId = null,
        Guid? classTypeId = null, Guid? trainerId = null, DateOnly? day = null)
    {
        // PostgreSQL stores instants in UTC; a client may send any offset. A day is the club's calendar day.
        var since = (from ?? clock.GetUtcNow()).ToUniversalTime();
        var (start, end) = day is { } date ? await DayAsync(db, date, ct) : (since, to?.ToUniversalTime() ?? since.AddDays(14));
        var sessions = await (
            from s in db.ClassSessions.AsNoTracking()
            join t in db.ClassTypes.AsNoTracking() on s.ClassTypeId equals t.Id
            where s.StartsAt >= start && s.StartsAt < end && (branchId == null || s.BranchId == branchId)
                && (classTypeId == null || s.ClassTypeId == classTypeId) && (trainerId == null || s.TrainerId == trainerId)
            orderby s.StartsAt
            select new
            {
                Session = s,
                Type = t,
                Booked = db.Bookings.Count(b => b.SessionId == s.Id && b.Status == BookingStatus.Booked),
                Waitlisted = db.Bookings.Count(b => b.SessionId == s.Id && b.Status == BookingStatus.Waitlisted),
            }).Take(500).ToListAsync(ct);
        var labels = await ClassResources.LabelsAsync(db, sessions.ConvertAll(x => x.Session), ct);
        return TypedResults.Ok(sessions.Select(x => SessionResponse.From(x.Session, x.Type, labels, x.Booked, x.Waitlisted)).ToList());
    }

    private static async Task<(DateTimeOffset Start, DateTimeOffset End)> DayAsync(LiyaqaDbContext db, DateOnly day, CancellationToken ct)
    {
        var zone = (await db.CurrentTenantAsync(ct)).TimeZone;
        return (ClassSeries.StartOn(day, TimeOnly.MinValue, zone), ClassSeries.StartOn(day.AddDays(1), TimeOnly.MinValue, zone));
    }

    private static async Task<Created<SessionResponse>> ScheduleAsync(ScheduleRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var type = await db.ClassTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.ClassTypeId, ct)
            ?? throw new DomainValidationException("classTypeId", "No such class type in this club.");
        if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId && b.IsActive, ct))
        {
            throw new DomainValidationException("branchId", "No such open branch in this club.");
        }

        var room = await ClassResources.RoomAsync(db, request.RoomId, ct);
        var trainer = await ClassResources.TrainerAsync(db, request.TrainerId, ct);
        var session = ClassSession.Schedule(type, request.BranchId, room, trainer, request.StartsAt, request.Capacity, clock.GetUtcNow());
        await TimetableClashes.RequireNoneAsync(db, [session], ct);
        db.ClassSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{BookingEndpoints.SessionsRoute}/{session.Id}", SessionResponse.From(session, type, await ClassResources.LabelsAsync(db, [session], ct), 0, 0));
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound>> CancelAsync(Guid id, LiyaqaDbContext db, ClassPlaces places, CancellationToken ct)
    {
        if (await db.ClassSessions.SingleOrDefaultAsync(s => s.Id == id, ct) is not { } session)
        {
            return TypedResults.NotFound();
        }

        await places.CancelClassAsync(session, ct);
        await db.SaveChangesAsync(ct);
        var type = await db.ClassTypes.AsNoTracking().SingleAsync(t => t.Id == session.ClassTypeId, ct);
        return TypedResults.Ok(SessionResponse.From(session, type, await ClassResources.LabelsAsync(db, [session], ct), 0, 0));
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound>> ChangeAsync(Guid id, ChangeSessionRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ClassSessions.SingleOrDefaultAsync(s => s.Id == id, ct) is not { } session)
        {
            return TypedResults.NotFound();
        }

        var booked = await db.Bookings.CountAsync(b => b.SessionId == id && b.Status == BookingStatus.Booked, ct);
        var waitlisted = await db.Bookings.CountAsync(b => b.SessionId == id && b.Status == BookingStatus.Waitlisted, ct);
        var room = await ClassResources.RoomAsync(db, request.RoomId ?? session.RoomId, ct);
        var trainer = await ClassResources.TrainerAsync(db, request.TrainerId ?? session.TrainerId, ct);
        session.Change(request.StartsAt ?? session.StartsAt, room, trainer, request.Capacity ?? session.Capacity, booked, clock.GetUtcNow());
        await TimetableClashes.RequireNoneAsync(db, [session], ct);
        await db.SaveChangesAsync(ct);
        var type = await db.ClassTypes.AsNoTracking().SingleAsync(t => t.Id == session.ClassTypeId, ct);
        return TypedResults.Ok(SessionResponse.From(session, type, await ClassResources.LabelsAsync(db, [session], ct), booked, waitlisted));
    }
}
