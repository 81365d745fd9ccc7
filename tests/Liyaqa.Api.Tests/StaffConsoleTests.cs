using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>What the staff console reads beyond the features' own endpoints: a member's bookings, the dashboard's summary, the club's profile.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class StaffConsoleTests(LiyaqaAppFixture app)
{
    private static DateOnly RiyadhToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> OwnerAsync(string prefix) => app.As((await app.LoginAsOwnerAsync(await app.ProvisionTenantAsync(prefix))).AccessToken);

    [Fact]
    public async Task A_members_bookings_show_each_place_with_its_class_and_the_waitlist_position_as_it_moves()
    {
        using var owner = await OwnerAsync("console-book");
        var branch = await owner.MainBranchAsync();
        var plan = (await owner.CreatePlanAsync()).Id();
        var classType = (await owner.PostOkAsync("/api/class-types", new { nameEn = "Spin", nameAr = "دراجات", durationMinutes = 45, defaultCapacity = 1 })).Id();
        var session = (await owner.PostOkAsync("/api/class-sessions", new { classTypeId = classType, branchId = branch, startsAt = DateTimeOffset.UtcNow.AddDays(1), capacity = 1 })).Id();
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            members.Add((await owner.CreateMemberAsync()).Id());
            await owner.SellAsync(members[i], plan);
        }

        var bookings = new List<Guid>();
        foreach (var member in members)
        {
            bookings.Add((await owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = member })).Id());
        }

        var booked = Assert.Single((await owner.GetFromJsonAsync<JsonElement>($"/api/members/{members[0]}/bookings")).EnumerateArray());
        Assert.Equal(("Booked", "Spin", "دراجات", session), (booked.GetProperty("status").GetString(), booked.GetProperty("classNameEn").GetString(),
            booked.GetProperty("classNameAr").GetString(), booked.GetProperty("sessionId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, booked.GetProperty("waitlistPosition").ValueKind);
        Assert.Equal(2, await WaitlistPositionAsync(owner, members[2]));

        await owner.PostOkAsync($"/api/bookings/{bookings[1]}/cancel");

        Assert.Equal(1, await WaitlistPositionAsync(owner, members[2]));
        var cancelled = Assert.Single((await owner.GetFromJsonAsync<JsonElement>($"/api/members/{members[1]}/bookings")).EnumerateArray());
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Empty((await owner.GetFromJsonAsync<JsonElement>($"/api/members/{members[0]}/bookings?past=true")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/members/{Guid.NewGuid()}/bookings")).StatusCode);
    }

    private static async Task<int> WaitlistPositionAsync(HttpClient owner, Guid member)
    {
        var place = Assert.Single((await owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}/bookings")).EnumerateArray());
        Assert.Equal("Waitlisted", place.GetProperty("status").GetString());
        return place.GetProperty("waitlistPosition").GetInt32();
    }

    [Fact]
    public async Task The_summary_lists_memberships_ending_this_week_with_nothing_after_them_and_counts_new_leads_and_trials_per_day()
    {
        using var owner = await OwnerAsync("console-sum");
        var shortPlan = (await owner.CreatePlanAsync(duration: 5, unit: "Days")).Id();
        var monthPlan = (await owner.CreatePlanAsync()).Id();
        var ending = (await owner.CreateMemberAsync(firstNameEn: "Ending")).Id();
        var soldShort = await owner.SellAsync(ending, shortPlan);
        var renewed = (await owner.CreateMemberAsync()).Id();
        var renewedShort = await owner.SellAsync(renewed, shortPlan);
        await owner.PostOkAsync($"/api/subscriptions/{renewedShort.Id()}/renew");
        await owner.SellAsync((await owner.CreateMemberAsync()).Id(), monthPlan);
        await owner.PostOkAsync($"/api/members/{(await owner.CreateMemberAsync(leadSource: "walk-in")).Id()}/trial", new { days = 3 });

        var summary = await owner.GetFromJsonAsync<JsonElement>("/api/members/summary");

        Assert.Equal(1, summary.GetProperty("expiringThisWeek").GetInt32());
        var expiring = Assert.Single(summary.GetProperty("expiring").EnumerateArray());
        Assert.Equal((ending, soldShort.Id(), "Ending"), (expiring.GetProperty("memberId").GetGuid(), expiring.GetProperty("subscriptionId").GetGuid(), expiring.GetProperty("firstNameEn").GetString()));
        var days = summary.GetProperty("leadsAndTrials").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        var today = Day(summary.GetProperty("today").GetString()!);
        Assert.Equal(RiyadhToday, today);
        Assert.Equal(today, Day(days[^1].GetProperty("day").GetString()!));
        Assert.Equal(today.AddDays(-6), Day(days[0].GetProperty("day").GetString()!));
        Assert.Equal((4, 1), (days[^1].GetProperty("leads").GetInt32(), days[^1].GetProperty("trials").GetInt32()));
        Assert.All(days.SkipLast(1), d => Assert.Equal((0, 0), (d.GetProperty("leads").GetInt32(), d.GetProperty("trials").GetInt32())));
    }

    [Fact]
    public async Task An_owner_renames_the_club_and_changes_its_time_zone_and_a_bad_value_is_a_400_naming_the_field()
    {
        using var owner = await OwnerAsync("console-club");
        var before = await owner.GetFromJsonAsync<JsonElement>("/api/club");
        Assert.Equal("Asia/Riyadh", before.GetProperty("timeZone").GetString());

        var bad = await owner.PutAsJsonAsync("/api/club", new { name = " ", timeZone = "Mars/Olympus" });
        var problem = await bad.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));

        var changed = await owner.PutAsJsonAsync("/api/club", new { name = "  Nadi Al-Riyadh  ", timeZone = "Asia/Dubai" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await owner.GetFromJsonAsync<JsonElement>("/api/club");
        Assert.Equal(("Nadi Al-Riyadh", "Asia/Dubai", before.GetProperty("slug").GetString()),
            (after.GetProperty("name").GetString(), after.GetProperty("timeZone").GetString(), after.GetProperty("slug").GetString()));
        var me = await owner.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("Nadi Al-Riyadh", me.GetProperty("tenant").GetProperty("name").GetString());
    }
}
