using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;

namespace Liyaqa.Domain.Classes;

internal static class ClassSessionRules
{
    public static DomainErrors CheckRoom(this DomainErrors errors, Room? room, Guid branchId, int capacity, bool alreadyThere) =>
        room is null
            ? errors
            : errors
                .Check(room.Takes(branchId, alreadyThere), "roomId", room.BranchId == branchId
                    ? $"Room '{room.NameEn}' is deactivated and takes no new classes."
                    : $"Room '{room.NameEn}' is not at the class's branch.")
                .Check(capacity <= room.Capacity, "capacity", $"Room '{room.NameEn}' holds at most {room.Capacity}.");

    public static DomainErrors CheckTrainer(this DomainErrors errors, User? trainer, bool alreadyTeaching) =>
        trainer is null || alreadyTeaching
            ? errors
            : errors.Check(trainer.CanTeach, "trainerId", "The trainer must be an enabled user of the club with the Trainer role.");
}
