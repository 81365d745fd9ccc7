using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Users;

namespace Liyaqa.Domain.Classes;

/// <summary>One class at a time and place: its type, branch, trainer, start and end, and how many it takes.</summary>
public sealed class ClassSession : Entity, ITenantOwned
{
    private ClassSession()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid ClassTypeId { get; private set; }

    public Guid BranchId { get; private set; }

    /// <summary>The weekly series it belongs to, if any.</summary>
    public Guid? SeriesId { get; private set; }

    /// <summary>The room of the branch it takes place in; a room holds one class at a time.</summary>
    public Guid? RoomId { get; private set; }

    /// <summary>The trainer's account (a user with the Trainer role); a trainer teaches one class at a time.</summary>
    public Guid? TrainerId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int Capacity { get; private set; }

    public SessionStatus Status { get; private set; }

    /// <summary>Reminders already sent for this session.</summary>
    public bool RemindersSent { get; private set; }

    /// <summary>When the waitlist stopped promoting and its members were told.</summary>
    public DateTimeOffset? WaitlistClosedAt { get; private set; }

    /// <summary>When, after the class, its unattended places became no-shows and its fill was counted.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsCancelled => Status == SessionStatus.Cancelled;

    /// <summary>
    /// A new class. A room must be an active room of the branch and the capacity may not exceed it; without a capacity the
    /// class takes the type's usual one, capped at the room's. A trainer must be an enabled user with the Trainer role.
    /// </summary>
    public static ClassSession Schedule(ClassType type, Guid branchId, Room? room, User? trainer, DateTimeOffset startsAt, int? capacity, DateTimeOffset now, Guid? seriesId = null)
    {
        var places = capacity ?? Math.Min(type.DefaultCapacity, room?.Capacity ?? int.MaxValue);
        new DomainErrors()
            .Check(startsAt > now, "startsAt", "A class is scheduled in the future.")
            .Check(capacity is null or (>= 1 and <= 500), "capacity", "A capacity of 1-500.")
            .CheckRoom(room, branchId, places, alreadyThere: false)
            .CheckTrainer(trainer, alreadyTeaching: false)
            .ThrowIfAny();
        var session = new ClassSession
        {
            ClassTypeId = type.Id,
            BranchId = branchId,
            RoomId = room?.Id,
            TrainerId = trainer?.Id,
            StartsAt = startsAt.ToUniversalTime(),
            EndsAt = startsAt.ToUniversalTime().AddMinutes(type.DurationMinutes),
            Capacity = places,
            Status = SessionStatus.Scheduled,
            SeriesId = seriesId,
        };
        session.Audit(AuditActions.ClassSessionScheduled, new { startsAt, session.Capacity, session.RoomId });
        return session;
    }

    /// <summary>
    /// Moves or re-staffs this one class; its capacity never drops below the places already taken nor exceeds its room's.
    /// <paramref name="room"/> and <paramref name="trainer"/> are what the class has afterwards: a room or trainer it
    /// already had stays even if since deactivated or disabled, a new one must qualify as when scheduling.
    /// </summary>
    public void Change(DateTimeOffset startsAt, Room? room, User? trainer, int capacity, int booked, DateTimeOffset now)
    {
        if (IsCancelled)
        {
            throw new DomainRuleException("session-cancelled", "The class is cancelled.");
        }

        new DomainErrors()
            .Check(startsAt > now, "startsAt", "A class is moved to the future.")
            .Check(capacity is >= 1 and <= 500, "capacity", "A capacity of 1-500.")
            .Check(capacity >= booked, "capacity", $"{booked} places are already booked.")
            .CheckRoom(room, BranchId, capacity, alreadyThere: room is not null && room.Id == RoomId)
            .CheckTrainer(trainer, alreadyTeaching: trainer is not null && trainer.Id == TrainerId)
            .ThrowIfAny();
        var length = EndsAt - StartsAt;
        (StartsAt, EndsAt, RoomId, TrainerId, Capacity) = (startsAt.ToUniversalTime(), startsAt.ToUniversalTime() + length, room?.Id, trainer?.Id, capacity);
        Audit(AuditActions.ClassSessionChanged, new { startsAt, capacity, RoomId });
    }

    public void Cancel()
    {
        if (IsCancelled)
        {
            throw new DomainRuleException("session-cancelled", "The class is already cancelled.");
        }

        Status = SessionStatus.Cancelled;
        Audit(AuditActions.ClassSessionCancelled);
    }

    public void MarkRemindersSent() => RemindersSent = true;

    public void CloseWaitlist(DateTimeOffset now) => WaitlistClosedAt ??= now;

    /// <summary>The class is over and its attendance settled; returns how full it was (places taken / capacity).</summary>
    public double Close(int placesTaken, DateTimeOffset now)
    {
        ClosedAt ??= now;
        return Math.Min(1.0, (double)placesTaken / Capacity);
    }
}
