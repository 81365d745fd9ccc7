using System.ComponentModel.DataAnnotations;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

public sealed record CreateRoomRequest(Guid BranchId, [property: MaxLength(Room.MaxNameLength)] string NameEn, [property: MaxLength(Room.MaxNameLength)] string NameAr, int Capacity);

public sealed record RoomResponse(Guid Id, Guid BranchId, string NameEn, string NameAr, int Capacity, bool IsActive, DateTimeOffset CreatedAt)
{
    public static RoomResponse From(Room r) => new(r.Id, r.BranchId, r.NameEn, r.NameAr, r.Capacity, r.IsActive, r.CreatedAt);
}

/// <summary>
/// The rooms of a club's branches, where classes take place: names unique in the branch, a capacity no class in the
/// room may exceed, and an active flag (a deactivated room takes no new classes; the ones it has keep it).
/// </summary>
public static class RoomEndpoints
{
    public const string Route = "/api/rooms";

    public static WebApplication MapRooms(this WebApplication app)
    {
        app.MapTenantGroup(Route, Permissions.ClassesRead).WithTags("Classes")
            .MapGet("/", ListAsync).WithSummary("The club's rooms, active ones first; filter by branchId.");
        var manage = app.MapTenantGroup(Route, Permissions.ClassesManage).WithTags("Classes");
        manage.MapPost("/", CreateAsync).WithSummary("Add a room to a branch; a name the branch already has is a 409.");
        manage.MapPut("/{id:guid}", ChangeAsync).WithSummary("Rename a room or change its capacity (not below an upcoming class's in it: 422 naming the class).");
        manage.MapPost("/{id:guid}/deactivate", (Guid id, LiyaqaDbContext db, CancellationToken ct) => SetActiveAsync(id, false, db, ct))
            .WithSummary("Take a room out of use: it takes no new classes; its scheduled classes keep it.");
        manage.MapPost("/{id:guid}/activate", (Guid id, LiyaqaDbContext db, CancellationToken ct) => SetActiveAsync(id, true, db, ct))
            .WithSummary("Put a room back in use.");
        return app;
    }

    private static async Task<Ok<List<RoomResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct, Guid? branchId = null) =>
        TypedResults.Ok((await db.Rooms.AsNoTracking().Where(r => branchId == null || r.BranchId == branchId)
            .OrderByDescending(r => r.IsActive).ThenBy(r => r.NameEn).ToListAsync(ct)).Select(RoomResponse.From).ToList());

    private static async Task<Created<RoomResponse>> CreateAsync(CreateRoomRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId && b.IsActive, ct))
        {
            throw new DomainValidationException("branchId", "No such open branch in this club.");
        }

        var room = Room.Create(request.BranchId, new RoomDetails(request.NameEn, request.NameAr, request.Capacity), clock.GetUtcNow());
        await RequireUniqueNameAsync(db, room, ct);
        db.Rooms.Add(room);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Route}/{room.Id}", RoomResponse.From(room));
    }

    private static async Task<Results<Ok<RoomResponse>, NotFound>> ChangeAsync(Guid id, RoomDetails request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Rooms.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } room)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var largest = await (
            from s in db.ClassSessions.AsNoTracking()
            join t in db.ClassTypes.AsNoTracking() on s.ClassTypeId equals t.Id
            where s.RoomId == id && s.Status == SessionStatus.Scheduled && s.EndsAt > now
            orderby s.Capacity descending, s.StartsAt
            select new RoomUse(t.NameEn, s.StartsAt, s.Capacity)).FirstOrDefaultAsync(ct);
        room.Change(request, largest);
        await RequireUniqueNameAsync(db, room, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RoomResponse.From(room));
    }

    private static async Task<Results<Ok<RoomResponse>, NotFound>> SetActiveAsync(Guid id, bool active, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.Rooms.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } room)
        {
            return TypedResults.NotFound();
        }

        if (active)
        {
            room.Activate();
        }
        else
        {
            room.Deactivate();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RoomResponse.From(room));
    }

    /// <summary>A branch has one room of a name, whatever its case (the database's unique indexes settle a race).</summary>
    private static async Task RequireUniqueNameAsync(LiyaqaDbContext db, Room room, CancellationToken ct)
    {
        var others = await db.Rooms.AsNoTracking().Where(r => r.BranchId == room.BranchId && r.Id != room.Id).ToListAsync(ct);
        if (others.FirstOrDefault(r => r.IsNamed(room.NameEn, room.NameAr)) is { } taken)
        {
            throw new DomainConflictException($"The branch already has a room named '{taken.NameEn}' ({taken.NameAr}).");
        }
    }
}
