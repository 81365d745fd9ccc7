using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>The room, trainer and capacity are those of each class the series creates (capacity as when scheduling one class).</summary>
public sealed record CreateSeriesRequest(Guid ClassTypeId, Guid BranchId, Guid? RoomId, Guid? TrainerId, int? Capacity, SeriesRule Rule);

/// <summary>Changes the series' classes from <c>FromDate</c> on; what is left out stays as it is.</summary>
public sealed record ChangeSeriesRequest(DateOnly FromDate, TimeOnly? LocalTime, Guid? RoomId, Guid? TrainerId, int? Capacity);

public sealed record SeriesException(DateOnly Date);

public sealed record SeriesResponse(Guid Id, Guid ClassTypeId, Guid BranchId, SeriesRule Rule, IReadOnlyList<SessionResponse> Sessions);

/// <summary>
/// Weekly classes: a series creates its classes in the branch's time zone (refused whole, with a 409, if any
/// would clash), is changed from a date on, and skips dates (an exception cancels that class like any other).
/// </summary>
public static class ClassSeriesEndpoints
{
    public const string Route = "/api/class-series";

    public static WebApplication MapClassSeries(this WebApplication app)
    {
        var manage = app.MapTenantGroup(Route, Permissions.ClassesManage).WithTags("Classes");
        manage.MapPost("/", CreateAsync).WithSummary("Create a weekly series (days, local time, start and end dates, exceptions) and its classes.");
        manage.MapPut("/{id:guid}", ChangeAsync).WithSummary("Change the series' time, room, trainer or capacity from a date on.");
        manage.MapPost("/{id:guid}/exceptions", SkipAsync).WithSummary("Skip one date: that class is cancelled and its members told.");
        return app;
    }

    private static async Task<Created<SeriesResponse>> CreateAsync(CreateSeriesRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var type = await db.ClassTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.ClassTypeId, ct)
            ?? throw new DomainValidationException("classTypeId", "No such class type in this club.");
        var branch = await db.Branches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BranchId && b.IsActive, ct)
            ?? throw new DomainValidationException("branchId", "No such open branch in this club.");
        var room = await ClassResources.RoomAsync(db, request.RoomId, ct);
        var trainer = await ClassResources.TrainerAsync(db, request.TrainerId, ct);
        var series = ClassSeries.Create(type.Id, branch.Id, request.Rule ?? throw new DomainValidationException("rule", "The series' rule is required."));
        var now = clock.GetUtcNow();
        var sessions = series.Dates().Select(day => ClassSeries.StartOn(day, series.Rule.LocalTime, branch.TimeZone)).Where(start => start > now)
            .Select(start => ClassSession.Schedule(type, branch.Id, room, trainer, start, request.Capacity, now, series.Id)).ToList();
        await TimetableClashes.RequireNoneAsync(db, sessions, ct);
        db.ClassSeries.Add(series);
        db.ClassSessions.AddRange(sessions);
        await db.SaveChangesAsync(ct);
        var labels = await ClassResources.LabelsAsync(db, sessions, ct);
        return TypedResults.Created($"{Route}/{series.Id}", new SeriesResponse(series.Id, type.Id, branch.Id, series.Rule, sessions.Select(s => SessionResponse.From(s, type, labels, 0, 0)).ToList()));
    }

    private static async Task<Results<Ok<SeriesResponse>, NotFound>> ChangeAsync(Guid id, ChangeSeriesRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ClassSeries.SingleOrDefaultAsync(s => s.Id == id, ct) is not { } series)
        {
            return TypedResults.NotFound();
        }

        series.RequireWithin(request.FromDate, "fromDate");
        var branch = await db.Branches.AsNoTracking().SingleAsync(b => b.Id == series.BranchId, ct);
        var type = await db.ClassTypes.AsNoTracking().SingleAsync(t => t.Id == series.ClassTypeId, ct);
        var from = ClassSeries.StartOn(request.FromDate, TimeOnly.MinValue, branch.TimeZone);
        var sessions = await db.ClassSessions.Where(s => s.SeriesId == id && s.Status == SessionStatus.Scheduled && s.StartsAt >= from).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var newRoom = await ClassResources.RoomAsync(db, request.RoomId, ct);
        var newTrainer = await ClassResources.TrainerAsync(db, request.TrainerId, ct);
        // The rooms and trainers the classes have now, kept where the request leaves them out, and their places taken.
        var (sessionIds, roomIds, trainerIds) = (sessions.ConvertAll(s => s.Id), sessions.Select(s => s.RoomId).OfType<Guid>().Distinct().ToList(),
            sessions.Select(s => s.TrainerId).OfType<Guid>().Distinct().ToList());
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var trainers = await db.Users.AsNoTracking().Where(u => trainerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var booked = await db.Bookings.Where(b => sessionIds.Contains(b.SessionId) && b.Status == BookingStatus.Booked)
            .GroupBy(b => b.SessionId).ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
        foreach (var session in sessions)
        {
            var day = branch.LocalAt(session.StartsAt).Date;
            var start = request.LocalTime is { } time ? ClassSeries.StartOn(day, time, branch.TimeZone) : session.StartsAt;
            var room = newRoom ?? (session.RoomId is { } keptRoom ? rooms[keptRoom] : null);
            var trainer = newTrainer ?? (session.TrainerId is { } keptTrainer ? trainers.GetValueOrDefault(keptTrainer) : null);
            session.Change(start, room, trainer, request.Capacity ?? session.Capacity, booked.GetValueOrDefault(session.Id), now);
        }

        if (request.LocalTime is { } localTime)
        {
            series.ChangeTime(localTime);
        }

        await TimetableClashes.RequireNoneAsync(db, sessions, ct);
        await db.SaveChangesAsync(ct);
        var labels = await ClassResources.LabelsAsync(db, sessions, ct);
        return TypedResults.Ok(new SeriesResponse(series.Id, type.Id, branch.Id, series.Rule, sessions.Select(s => SessionResponse.From(s, type, labels, 0, 0)).ToList()));
    }

    private static async Task<Results<Ok<SeriesResponse>, NotFound>> SkipAsync(Guid id, SeriesException request, LiyaqaDbContext db, ClassPlaces places, CancellationToken ct)
    {
        if (await db.ClassSeries.SingleOrDefaultAsync(s => s.Id == id, ct) is not { } series)
        {
            return TypedResults.NotFound();
        }

        var branch = await db.Branches.AsNoTracking().SingleAsync(b => b.Id == series.BranchId, ct);
        var type = await db.ClassTypes.AsNoTracking().SingleAsync(t => t.Id == series.ClassTypeId, ct);
        series.AddException(request.Date);
        var (from, until) = (ClassSeries.StartOn(request.Date, TimeOnly.MinValue, branch.TimeZone), ClassSeries.StartOn(request.Date.AddDays(1), TimeOnly.MinValue, branch.TimeZone));
        foreach (var session in await db.ClassSessions.Where(s => s.SeriesId == id && s.Status == SessionStatus.Scheduled && s.StartsAt >= from && s.StartsAt < until).ToListAsync(ct))
        {
            await places.CancelClassAsync(session, ct);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SeriesResponse(series.Id, type.Id, branch.Id, series.Rule, []));
    }
}
