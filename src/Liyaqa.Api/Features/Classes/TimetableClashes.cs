using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Classes;

/// <summary>Keeps the timetable possible: one class at a time per room and per trainer.</summary>
public static class TimetableClashes
{
    /// <summary>A room or a trainer holds one class at a time: the first clash of <paramref name="planned"/> with the timetable (or each other) is a 409 naming it.</summary>
    public static async Task RequireNoneAsync(LiyaqaDbContext db, IReadOnlyList<ClassSession> planned, CancellationToken ct)
    {
        if (planned.Count == 0)
        {
            return;
        }

        var (from, until) = (planned.Min(p => p.StartsAt), planned.Max(p => p.EndsAt));
        var ids = planned.Select(p => p.Id).ToList();
        var others = await db.ClassSessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt < until && s.EndsAt > from && !ids.Contains(s.Id)).ToListAsync(ct);
        var all = others.Concat(planned).ToList();
        foreach (var session in planned)
        {
            var overlapping = all.Where(s => s.Id != session.Id && s.StartsAt < session.EndsAt && s.EndsAt > session.StartsAt).ToList();
            if (overlapping.FirstOrDefault(s => s.TrainerId != null && s.TrainerId == session.TrainerId) is { } trainerClash)
            {
                throw new DomainConflictException($"The trainer already teaches a class from {trainerClash.StartsAt:u} to {trainerClash.EndsAt:u}.");
            }

            if (overlapping.FirstOrDefault(s => s.RoomId != null && s.RoomId == session.RoomId) is { } roomClash)
            {
                var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomClash.RoomId, ct);
                throw new DomainConflictException($"Room '{room.NameEn}' ({room.NameAr}) is taken from {roomClash.StartsAt:u} to {roomClash.EndsAt:u}.");
            }
        }
    }
}
