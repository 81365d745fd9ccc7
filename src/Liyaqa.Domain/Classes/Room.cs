using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>
/// A room of a branch where classes take place: names in both languages (unique in the branch, whatever the case),
/// how many people it holds, and whether it takes new classes. A deactivated room keeps the classes it already has.
/// </summary>
public sealed class Room : Entity, ITenantOwned
{
    public const int MaxNameLength = 60;
    public const int MaxCapacity = 500;

    private Room()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid BranchId { get; private set; }

    public string NameEn { get; private set; } = string.Empty;

    public string NameAr { get; private set; } = string.Empty;

    /// <summary>The most people a class in the room may take.</summary>
    public int Capacity { get; private set; }

    /// <summary>False once deactivated: no new class may be put in the room.</summary>
    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>True when <paramref name="nameEn"/> or <paramref name="nameAr"/> is this room's name in either case.</summary>
    public bool IsNamed(string? nameEn, string? nameAr) =>
        string.Equals(NameEn, nameEn?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(NameAr, nameAr?.Trim(), StringComparison.OrdinalIgnoreCase);

    public static Room Create(Guid branchId, RoomDetails details, DateTimeOffset now)
    {
        var room = new Room { BranchId = branchId, IsActive = true, CreatedAt = now };
        (room.NameEn, room.NameAr, room.Capacity) = Validate(details);
        room.Audit(AuditActions.RoomCreated, new { room.NameEn, room.Capacity });
        return room;
    }

    /// <summary>Renames the room or changes its capacity, which may not drop below the places <paramref name="largestUpcoming"/> takes.</summary>
    public void Change(RoomDetails details, RoomUse? largestUpcoming)
    {
        var (nameEn, nameAr, capacity) = Validate(details);
        if (largestUpcoming is { } use && capacity < use.Capacity)
        {
            throw new DomainRuleException(
                "room-capacity-in-use",
                $"'{use.ClassName}' on {use.StartsAt:u} is scheduled in this room for {use.Capacity} places; lower that class's capacity first.");
        }

        (NameEn, NameAr, Capacity) = (nameEn, nameAr, capacity);
        Audit(AuditActions.RoomChanged, new { NameEn, Capacity });
    }

    public void Deactivate()
    {
        IsActive = false;
        Audit(AuditActions.RoomDeactivated);
    }

    public void Activate()
    {
        IsActive = true;
        Audit(AuditActions.RoomActivated);
    }

    /// <summary>
    /// Whether a class may be put in this room at <paramref name="branchId"/>: the room must be active and of that branch
    /// (a class already in the room, <paramref name="alreadyThere"/>, keeps it even when it was deactivated since).
    /// </summary>
    public bool Takes(Guid branchId, bool alreadyThere = false) => BranchId == branchId && (IsActive || alreadyThere);

    private static (string NameEn, string NameAr, int Capacity) Validate(RoomDetails details)
    {
        new DomainErrors()
            .Check(details.NameEn?.Trim().Length is > 0 and <= MaxNameLength, "nameEn", $"An English name of 1-{MaxNameLength} characters is required.")
            .Check(details.NameAr?.Trim().Length is > 0 and <= MaxNameLength, "nameAr", $"An Arabic name of 1-{MaxNameLength} characters is required.")
            .Check(details.Capacity is >= 1 and <= MaxCapacity, "capacity", $"A capacity of 1-{MaxCapacity} is required.")
            .ThrowIfAny();
        return (details.NameEn!.Trim(), details.NameAr!.Trim(), details.Capacity);
    }
}
