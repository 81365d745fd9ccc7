using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Liyaqa.Api.Tests;

/// <summary>Rooms as records of a branch that bound their classes, trainers as the club's Trainer users with profiles.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class RoomAndTrainerTests(LiyaqaAppFixture app)
{
    private sealed record Club(TenantInfo Tenant, Tokens OwnerTokens, HttpClient Owner, Guid Branch, Guid ClassType) : IDisposable
    {
        public void Dispose() => Owner.Dispose();

        public async Task<Guid> RoomAsync(string nameEn, int capacity, Guid? branch = null) =>
            (await Owner.PostOkAsync("/api/rooms", new { branchId = branch ?? Branch, nameEn, nameAr = $"قاعة {nameEn}", capacity })).Id();

        public Task<HttpResponseMessage> ScheduleAsync(DateTimeOffset startsAt, Guid? roomId = null, Guid? trainerId = null, int? capacity = null, Guid? branch = null) =>
            Owner.PostAsJsonAsync("/api/class-sessions", new { classTypeId = ClassType, branchId = branch ?? Branch, startsAt, roomId, trainerId, capacity });
    }

    private async Task<Club> ClubAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix);
        var tokens = await app.LoginAsOwnerAsync(tenant);
        var owner = app.As(tokens.AccessToken);
        var type = await owner.PostOkAsync("/api/class-types", new { nameEn = "Indoor cycling", nameAr = "دراجات داخلية", durationMinutes = 45, defaultCapacity = 20 });
        return new Club(tenant, tokens, owner, await owner.MainBranchAsync(), type.Id());
    }

    private static async Task<string[]> FieldErrorsAsync(HttpResponseMessage response) =>
        [.. (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {content}");
        return JsonDocument.Parse(content).RootElement.Clone();
    }

    [Fact]
    public async Task Room_names_are_unique_in_a_branch_and_a_room_bounds_the_capacity_of_its_classes()
    {
        using var club = await ClubAsync("rooms");
        var studio = await club.RoomAsync("Studio A", capacity: 15);
        var duplicate = await club.Owner.PostAsJsonAsync("/api/rooms", new { branchId = club.Branch, nameEn = " studio a ", nameAr = "قاعة أخرى", capacity = 10 });
        Assert.Contains("Studio A", (await duplicate.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var north = (await club.Owner.PostOkAsync("/api/branches", new { nameEn = "North", nameAr = "الشمال" })).Id();
        var northStudio = await club.RoomAsync("Studio A", capacity: 30, branch: north);

        var rooms = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/rooms?branchId={club.Branch}")).EnumerateArray().ToList();
        Assert.Equal(studio, Assert.Single(rooms).Id());
        Assert.Equal(("Studio A", "قاعة Studio A", 15, true), (rooms[0].GetProperty("nameEn").GetString(), rooms[0].GetProperty("nameAr").GetString(),
            rooms[0].GetProperty("capacity").GetInt32(), rooms[0].GetProperty("isActive").GetBoolean()));

        var start = DateTimeOffset.UtcNow.AddDays(1);
        Assert.Equal(["capacity"], await FieldErrorsAsync(await club.ScheduleAsync(start, studio, capacity: 16)));
        Assert.Equal(["roomId"], await FieldErrorsAsync(await club.ScheduleAsync(start, northStudio)));
        Assert.Equal(["roomId"], await FieldErrorsAsync(await club.ScheduleAsync(start, Guid.NewGuid())));
        var capped = await OkAsync(await club.ScheduleAsync(start, studio));
        Assert.Equal((15, studio, "Studio A", "قاعة Studio A"), (capped.GetProperty("capacity").GetInt32(), capped.GetProperty("roomId").GetGuid(),
            capped.GetProperty("roomNameEn").GetString(), capped.GetProperty("roomNameAr").GetString()));

        var shrink = await club.Owner.PutAsJsonAsync($"/api/rooms/{studio}", new { nameEn = "Studio A", nameAr = "استوديو أ", capacity = 10 });
        var refused = await shrink.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("room-capacity-in-use", refused.GetProperty("code").GetString());
        Assert.Contains("Indoor cycling", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await OkAsync(await club.Owner.PutAsJsonAsync($"/api/rooms/{studio}", new { nameEn = "Studio 1", nameAr = "استوديو ١", capacity = 15 }));

        var timetable = await club.Owner.GetFromJsonAsync<JsonElement>("/api/class-sessions");
        Assert.Equal("Studio 1", timetable.EnumerateArray().Single(s => s.Id() == capped.Id()).GetProperty("roomNameEn").GetString());
    }

    [Fact]
    public async Task A_deactivated_room_takes_no_new_classes_but_keeps_the_ones_it_has()
    {
        using var club = await ClubAsync("room-off");
        var room = await club.RoomAsync("Spin studio", capacity: 20);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var session = (await OkAsync(await club.ScheduleAsync(start, room))).Id();

        Assert.False((await club.Owner.PostOkAsync($"/api/rooms/{room}/deactivate")).GetProperty("isActive").GetBoolean());

        Assert.Equal(["roomId"], await FieldErrorsAsync(await club.ScheduleAsync(start.AddDays(1), room)));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var series = await club.Owner.PostAsJsonAsync("/api/class-series", new
        {
            classTypeId = club.ClassType,
            branchId = club.Branch,
            roomId = room,
            rule = new { days = new[] { today.AddDays(3).DayOfWeek.ToString() }, localTime = "07:00", startDate = today.AddDays(2), endDate = today.AddDays(9) },
        });
        Assert.Equal(["roomId"], await FieldErrorsAsync(series));
        var moved = await OkAsync(await club.Owner.PutAsJsonAsync($"/api/class-sessions/{session}", new { startsAt = start.AddHours(3) }));
        Assert.Equal(room, moved.GetProperty("roomId").GetGuid());

        await club.Owner.PostOkAsync($"/api/rooms/{room}/activate");
        await OkAsync(await club.ScheduleAsync(start.AddDays(1), room));
    }

    [Fact]
    public async Task Moving_a_class_into_a_room_already_taken_is_a_409_naming_the_room()
    {
        using var club = await ClubAsync("room-clash");
        var (spin, yoga) = (await club.RoomAsync("Spin studio", capacity: 20), await club.RoomAsync("Yoga room", capacity: 20));
        var start = DateTimeOffset.UtcNow.AddDays(1);
        await OkAsync(await club.ScheduleAsync(start, spin));
        var other = (await OkAsync(await club.ScheduleAsync(start.AddMinutes(15), yoga))).Id();

        var clash = await club.Owner.PutAsJsonAsync($"/api/class-sessions/{other}", new { roomId = spin });

        Assert.Contains("Spin studio", (await clash.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_see_the_trainers_with_their_profiles_and_filter_the_timetable_by_trainer()
    {
        using var club = await ClubAsync("trainers");
        var slug = club.Tenant.Slug;
        var (noura, nouraTokens) = await app.AddUserAsync(club.Tenant, club.OwnerTokens, $"noura@{slug}.test", "Trainer");
        var (omar, _) = await app.AddUserAsync(club.Tenant, club.OwnerTokens, $"omar@{slug}.test", "Trainer");
        var (desk, _) = await app.AddUserAsync(club.Tenant, club.OwnerTokens, $"desk@{slug}.test", "FrontDesk");
        var (_, memberTokens) = await app.AddUserAsync(club.Tenant, club.OwnerTokens, $"member@{slug}.test", "Member");

        // A trainer sets their own profile, and only their own.
        using var trainerApp = app.As(nouraTokens.AccessToken);
        var profile = new
        {
            displayNameEn = "Coach Noura",
            displayNameAr = "الكابتن نورة",
            bioEn = "Ten years of cycling and yoga.",
            bioAr = "عشر سنوات من الدراجات واليوغا.",
            specialities = new[] { "Cycling", "Yoga" },
            photoUrl = "https://cdn.example.com/noura.jpg",
        };
        await OkAsync(await trainerApp.PutAsJsonAsync($"/api/trainers/{noura}/profile", profile));
        await (await trainerApp.PutAsJsonAsync($"/api/trainers/{omar}/profile", profile)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["photoUrl"], await FieldErrorsAsync(await club.Owner.PutAsJsonAsync($"/api/trainers/{omar}/profile", new
        {
            displayNameEn = "Omar",
            displayNameAr = "عمر",
            photoUrl = "http://cdn.example.com/omar.jpg",
        })));
        Assert.Equal(HttpStatusCode.NotFound, (await club.Owner.PutAsJsonAsync($"/api/trainers/{desk}/profile", profile)).StatusCode);

        // Only a Trainer teaches.
        var start = DateTimeOffset.UtcNow.AddDays(1);
        Assert.Equal(["trainerId"], await FieldErrorsAsync(await club.ScheduleAsync(start, trainerId: desk)));
        var nourasClass = await OkAsync(await club.ScheduleAsync(start, trainerId: noura));
        Assert.Equal(("Coach Noura", "الكابتن نورة"), (nourasClass.GetProperty("trainerNameEn").GetString(), nourasClass.GetProperty("trainerNameAr").GetString()));
        await OkAsync(await club.ScheduleAsync(start, trainerId: omar));

        using var memberApp = app.As(memberTokens.AccessToken);
        var trainers = (await memberApp.GetFromJsonAsync<JsonElement>("/api/trainers")).EnumerateArray().ToList();
        Assert.Equal(new[] { noura, omar }.Order(), trainers.Select(t => t.Id()).Order());
        var listed = trainers.Single(t => t.Id() == noura);
        Assert.Equal(["Cycling", "Yoga"], listed.GetProperty("specialities").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("https://cdn.example.com/noura.jpg", listed.GetProperty("photoUrl").GetString());
        Assert.Equal(("omar", false), (trainers.Single(t => t.Id() == omar).GetProperty("displayNameEn").GetString(), trainers.Single(t => t.Id() == omar).GetProperty("hasProfile").GetBoolean()));
        Assert.Equal("Coach Noura", (await memberApp.GetFromJsonAsync<JsonElement>($"/api/trainers/{noura}")).GetProperty("displayNameEn").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await memberApp.GetAsync($"/api/trainers/{desk}")).StatusCode);

        var hers = (await memberApp.GetFromJsonAsync<JsonElement>($"/api/class-sessions?trainerId={noura}")).EnumerateArray().ToList();
        Assert.Equal(nourasClass.Id(), Assert.Single(hers).Id());
        Assert.Equal("Coach Noura", hers[0].GetProperty("trainerNameEn").GetString());

        // A disabled trainer leaves the list and is assigned no more classes.
        await club.Owner.PostOkAsync($"/api/users/{omar}/disable");
        Assert.Equal([noura], (await memberApp.GetFromJsonAsync<JsonElement>("/api/trainers")).EnumerateArray().Select(t => t.Id()));
        Assert.Equal(["trainerId"], await FieldErrorsAsync(await club.ScheduleAsync(start.AddDays(1), trainerId: omar)));
    }
}
