using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>A trainer's name as members see it: the profile's names, or the account's name until there is a profile.</summary>
public sealed record TrainerName(string En, string Ar);

/// <summary>The rooms and trainers of some classes, by id, to show their names on the timetable.</summary>
public sealed record ClassLabels(IReadOnlyDictionary<Guid, Room> Rooms, IReadOnlyDictionary<Guid, TrainerName> Trainers)
{
    public Room? RoomOf(ClassSession session) => session.RoomId is { } id ? Rooms.GetValueOrDefault(id) : null;

    public TrainerName? TrainerOf(ClassSession session) => session.TrainerId is { } id ? Trainers.GetValueOrDefault(id) : null;
}

/// <summary>Looks up the rooms and trainers that classes name.</summary>
public static class ClassResources
{
    /// <summary>The room of this club with <paramref name="roomId"/> (none when not given); an unknown id is a field error.</summary>
    public static async Task<Room?> RoomAsync(LiyaqaDbContext db, Guid? roomId, CancellationToken ct) =>
        roomId is not { } id
            ? null
            : await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new DomainValidationException("roomId", "No such room in this club.");

    /// <summary>The user of this club with <paramref name="trainerId"/> (none when not given); an unknown id is a field error.</summary>
    public static async Task<User?> TrainerAsync(LiyaqaDbContext db, Guid? trainerId, CancellationToken ct) =>
        trainerId is not { } id
            ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)
              ?? throw new DomainValidationException("trainerId", "The trainer must be an enabled user of the club with the Trainer role.");

    public static async Task<ClassLabels> LabelsAsync(LiyaqaDbContext db, IReadOnlyCollection<ClassSession> sessions, CancellationToken ct)
    {
        var roomIds = sessions.Select(s => s.RoomId).OfType<Guid>().Distinct().ToList();
        var trainerIds = sessions.Select(s => s.TrainerId).OfType<Guid>().Distinct().ToList();
        var rooms = roomIds.Count == 0 ? [] : await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var trainers = trainerIds.Count == 0 ? [] : await TrainerNamesAsync(db, trainerIds, ct);
        return new ClassLabels(rooms, trainers);
    }

    public static async Task<Dictionary<Guid, TrainerName>> TrainerNamesAsync(LiyaqaDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        (await (
            from u in db.Users.AsNoTracking()
            where userIds.Contains(u.Id)
            join p in db.TrainerProfiles.AsNoTracking() on u.Id equals p.Id into profiles
            from p in profiles.DefaultIfEmpty()
            select new { u.Id, u.DisplayName, Profile = p }).ToListAsync(ct))
        .ToDictionary(x => x.Id, x => x.Profile is null ? new TrainerName(x.DisplayName, x.DisplayName) : new TrainerName(x.Profile.DisplayNameEn, x.Profile.DisplayNameAr));
}
