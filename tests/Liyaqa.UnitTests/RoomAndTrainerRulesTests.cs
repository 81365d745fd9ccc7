using Liyaqa.Domain.Classes;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Users;

namespace Liyaqa.UnitTests;

public sealed class RoomAndTrainerRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly Guid Branch = Guid.NewGuid();
    private static readonly ClassType Yoga = ClassType.Create(new ClassTypeDetails("Yoga", "يوغا", null, 60, 20, null, null));

    private static Room NewRoom(int capacity = 12, Guid? branch = null) => Room.Create(branch ?? Branch, new RoomDetails("Studio A", "استوديو أ", capacity), Now);

    private static User UserWith(params Role[] roles) => User.Create(Guid.NewGuid(), $"{Guid.NewGuid():N}@club.test", "Noura", "hash", roles, Now);

    private static string[] Fields(Action action) => [.. Assert.Throws<DomainValidationException>(action).Errors.Keys];

    [Fact]
    public void A_room_has_names_in_both_languages_and_a_capacity_of_1_to_500()
    {
        var room = NewRoom(capacity: 500);
        Assert.Equal(("Studio A", "استوديو أ", 500, true), (room.NameEn, room.NameAr, room.Capacity, room.IsActive));

        Assert.Equal(["nameEn", "nameAr", "capacity"], Fields(() => Room.Create(Branch, new RoomDetails(" ", "", 0), Now)));
        Assert.Equal(["capacity"], Fields(() => Room.Create(Branch, new RoomDetails("Hall", "قاعة", 501), Now)));
        Assert.Equal(["nameEn"], Fields(() => Room.Create(Branch, new RoomDetails(new string('x', 61), "قاعة", 10), Now)));
    }

    [Fact]
    public void Room_names_match_whatever_their_case_or_surrounding_spaces()
    {
        var room = NewRoom();
        Assert.True(room.IsNamed(" studio a ", "other"));
        Assert.True(room.IsNamed("Other", "استوديو أ"));
        Assert.False(room.IsNamed("Studio B", "استوديو ب"));
    }

    [Fact]
    public void A_room_cannot_shrink_below_an_upcoming_class_in_it_and_the_refusal_names_the_class()
    {
        var room = NewRoom(capacity: 20);
        var use = new RoomUse("Yoga", Now.AddDays(1), 15);

        var refused = Assert.Throws<DomainRuleException>(() => room.Change(new RoomDetails("Studio A", "استوديو أ", 14), use));
        Assert.Equal("room-capacity-in-use", refused.Code);
        Assert.Contains("Yoga", refused.Message, StringComparison.Ordinal);
        Assert.Equal(20, room.Capacity);

        room.Change(new RoomDetails("Studio 1", "استوديو ١", 15), use);
        Assert.Equal(("Studio 1", 15), (room.NameEn, room.Capacity));
        Assert.Equal(["capacity"], Fields(() => room.Change(new RoomDetails("Studio 1", "استوديو ١", 0), null)));
    }

    [Fact]
    public void A_class_without_a_capacity_takes_its_types_capped_at_the_rooms_and_may_not_exceed_the_room()
    {
        Assert.Equal(12, ClassSession.Schedule(Yoga, Branch, NewRoom(capacity: 12), null, Now.AddDays(1), null, Now).Capacity);
        Assert.Equal(20, ClassSession.Schedule(Yoga, Branch, NewRoom(capacity: 40), null, Now.AddDays(1), null, Now).Capacity);
        Assert.Equal(20, ClassSession.Schedule(Yoga, Branch, null, null, Now.AddDays(1), null, Now).Capacity);
        Assert.Equal(12, ClassSession.Schedule(Yoga, Branch, NewRoom(capacity: 12), null, Now.AddDays(1), 12, Now).Capacity);

        Assert.Equal(["capacity"], Fields(() => ClassSession.Schedule(Yoga, Branch, NewRoom(capacity: 12), null, Now.AddDays(1), 13, Now)));
    }

    [Fact]
    public void A_class_goes_only_in_an_active_room_of_its_branch()
    {
        Assert.Equal(["roomId"], Fields(() => ClassSession.Schedule(Yoga, Branch, NewRoom(branch: Guid.NewGuid()), null, Now.AddDays(1), 5, Now)));
        var closed = NewRoom();
        closed.Deactivate();
        Assert.Equal(["roomId"], Fields(() => ClassSession.Schedule(Yoga, Branch, closed, null, Now.AddDays(1), 5, Now)));
        closed.Activate();
        Assert.Equal(closed.Id, ClassSession.Schedule(Yoga, Branch, closed, null, Now.AddDays(1), 5, Now).RoomId);
    }

    [Fact]
    public void A_class_keeps_a_room_deactivated_after_it_was_scheduled_but_cannot_move_into_one()
    {
        var room = NewRoom(capacity: 12);
        var session = ClassSession.Schedule(Yoga, Branch, room, null, Now.AddDays(1), 10, Now);
        room.Deactivate();

        session.Change(Now.AddDays(2), room, null, 12, 0, Now);
        Assert.Equal((room.Id, 12), (session.RoomId, session.Capacity));
        Assert.Equal(["capacity"], Fields(() => session.Change(Now.AddDays(2), room, null, 13, 0, Now)));

        var other = Room.Create(Branch, new RoomDetails("Studio B", "استوديو ب", 30), Now);
        other.Deactivate();
        Assert.Equal(["roomId"], Fields(() => session.Change(Now.AddDays(2), other, null, 10, 0, Now)));
        other.Activate();
        session.Change(Now.AddDays(2), other, null, 10, 0, Now);
        Assert.Equal(other.Id, session.RoomId);
    }

    [Fact]
    public void Only_an_enabled_user_with_the_Trainer_role_is_assigned_to_teach()
    {
        var trainer = UserWith(Role.Trainer);
        Assert.Equal(trainer.Id, ClassSession.Schedule(Yoga, Branch, null, trainer, Now.AddDays(1), 5, Now).TrainerId);

        Assert.Equal(["trainerId"], Fields(() => ClassSession.Schedule(Yoga, Branch, null, UserWith(Role.FrontDesk, Role.Manager), Now.AddDays(1), 5, Now)));
        var disabled = UserWith(Role.Trainer);
        disabled.Disable(Now);
        Assert.Equal(["trainerId"], Fields(() => ClassSession.Schedule(Yoga, Branch, null, disabled, Now.AddDays(1), 5, Now)));
    }

    [Fact]
    public void A_class_keeps_its_trainer_after_the_account_is_disabled_but_a_new_trainer_must_qualify()
    {
        var trainer = UserWith(Role.Trainer);
        var session = ClassSession.Schedule(Yoga, Branch, null, trainer, Now.AddDays(1), 5, Now);
        trainer.Disable(Now);

        session.Change(Now.AddDays(3), null, trainer, 5, 0, Now);
        Assert.Equal(trainer.Id, session.TrainerId);
        Assert.Equal(["trainerId"], Fields(() => session.Change(Now.AddDays(3), null, UserWith(Role.Member), 5, 0, Now)));
    }

    [Fact]
    public void A_trainer_profile_has_bounded_bios_up_to_ten_specialities_and_an_https_photo()
    {
        var trainer = UserWith(Role.Trainer);
        var profile = TrainerProfile.Create(trainer, new TrainerProfileDetails(
            " Coach Noura ", "الكابتن نورة", "Ten years of yoga.", null, ["Yoga", "yoga ", " Pilates", ""], "https://cdn.example.com/noura.jpg"), Now);

        Assert.Equal(trainer.Id, profile.UserId);
        Assert.Equal(("Coach Noura", "الكابتن نورة", null), (profile.DisplayNameEn, profile.DisplayNameAr, profile.BioAr));
        Assert.Equal(["Yoga", "Pilates"], profile.Specialities);

        TrainerProfileDetails With(string? bio = null, IReadOnlyList<string>? specialities = null, string? photo = null) =>
            new("Coach Noura", "الكابتن نورة", bio, bio, specialities, photo);
        Assert.Equal(["bioEn", "bioAr"], Fields(() => profile.Change(With(bio: new string('b', 2001)), Now)));
        Assert.Equal(["specialities"], Fields(() => profile.Change(With(specialities: [.. Enumerable.Range(1, 11).Select(i => $"S{i}")]), Now)));
        Assert.Equal(["specialities"], Fields(() => profile.Change(With(specialities: [new string('s', 41)]), Now)));
        Assert.Equal(["photoUrl"], Fields(() => profile.Change(With(photo: "http://cdn.example.com/noura.jpg"), Now)));
        Assert.Equal(["photoUrl"], Fields(() => profile.Change(With(photo: "/photos/noura.jpg"), Now)));
        Assert.Equal(["displayNameEn", "displayNameAr"], Fields(() => profile.Change(new TrainerProfileDetails("", " ", null, null, null, null), Now)));

        profile.Change(With(bio: new string('b', 2000), specialities: [.. Enumerable.Range(1, 10).Select(i => $"S{i}")]), Now);
        Assert.Null(profile.PhotoUrl);
        Assert.Equal(10, profile.Specialities.Length);
    }

    [Fact]
    public void Only_an_enabled_user_with_the_Trainer_role_may_teach()
    {
        Assert.True(UserWith(Role.Trainer, Role.Manager).CanTeach);
        Assert.False(UserWith(Role.Manager).CanTeach);
        var disabled = UserWith(Role.Trainer);
        disabled.Disable(Now);
        Assert.False(disabled.CanTeach);
    }

    [Fact]
    public void Only_a_user_with_the_Trainer_role_gets_a_trainer_profile()
    {
        var refused = Assert.Throws<DomainRuleException>(() =>
            TrainerProfile.Create(UserWith(Role.Member), new TrainerProfileDetails("Sara", "سارة", null, null, null, null), Now));
        Assert.Equal("not-a-trainer", refused.Code);
    }
}
