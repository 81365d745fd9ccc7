using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>One class at a time and place: its type, branch, trainer, start and end, and how many it takes.</summary>
public sealed class ClassSession : Entity, IAggregateRoot, ITenantOwned
{
    private ClassSession()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid ClassTypeId { get; private set; }

    public Guid BranchId { get; private set; }

    /// <summary>The weekly series it belongs to, if any.</summary>
    public Guid? SeriesId { get; private set; }

    /// <summary>The room; a room holds one class at a time.</summary>
    public string? Room { get; private set; }

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

    public static ClassSession Schedule(ClassType type, Guid branchId, string? room, Guid? trainerId, DateTimeOffset startsAt, int? capacity, DateTimeOffset now, Guid? seriesId = null)
    {
        new DomainErrors()
            .Check(startsAt > now, "startsAt", "A class is scheduled in the future.")
            .Check(capacity is null or (>= 1 and <= 500), "capacity", "A capacity of 1-500.")
            .Check((room?.Length ?? 0) <= 60, "room", "At most 60 characters.")
            .ThrowIfAny();
        var session = new ClassSession
        {
            ClassTypeId = type.Id,
            BranchId = branchId,
            Room = string.IsNullOrWhiteSpace(room) ? null : room.Trim(),
            TrainerId = trainerId,
            StartsAt = startsAt.ToUniversalTime(),
            EndsAt = startsAt.ToUniversalTime().AddMinutes(type.DurationMinutes),
            Capacity = capacity ?? type.DefaultCapacity,
            Status = SessionStatus.Scheduled,
            SeriesId = seriesId,
        };
        session.Audit(AuditActions.ClassSessionScheduled, new { startsAt, session.Capacity });
        return session;
    }

    /// <summary>Moves or re-staffs this one class; its capacity never drops below the places already taken.</summary>
    public void Change(DateTimeOffset startsAt, string? room, Guid? trainerId, int capacity, int booked, DateTimeOffset now)
    {
        if (IsCancelled)
        {
            throw new DomainRuleException("session-cancelled", "The class is cancelled.");
        }

        new DomainErrors()
            .Check(startsAt > now, "startsAt", "A class is moved to the future.")
            .Check(capacity is >= 1 and <= 500, "capacity", "A capacity of 1-500.")
            .Check(capacity >= booked, "capacity", $"{booked} places are already booked.")
            .ThrowIfAny();
        var length = EndsAt - StartsAt;
        (StartsAt, EndsAt, Room, TrainerId, Capacity) = (startsAt.ToUniversalTime(), startsAt.ToUniversalTime() + length, string.IsNullOrWhiteSpace(room) ? null : room.Trim(), trainerId, capacity);
        Audit(AuditActions.ClassSessionChanged, new { startsAt, capacity });
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
