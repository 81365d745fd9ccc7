using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>The door: every way of identifying a member, every reason to turn one away, and live occupancy.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class CheckInTests(LiyaqaAppFixture app)
{
    /// <summary>Ample time for a change announced over Redis to reach every instance on a loaded machine.</summary>
    private static readonly TimeSpan AnnouncementDelivered = TimeSpan.FromMilliseconds(500);

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);

    private sealed record Club(HttpClient Owner, Guid Branch) : IDisposable
    {
        public void Dispose() => Owner.Dispose();

        public async Task<JsonElement> CheckInAsync(object who, Guid? branch = null)
        {
            var body = JsonSerializer.SerializeToElement(who).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
            body["branchId"] = branch ?? Branch;
            return await Owner.PostOkAsync("/api/check-ins", body);
        }

        public async Task<Guid> MemberWithAsync(JsonElement plan, DateOnly? start = null)
        {
            var member = (await Owner.CreateMemberAsync()).Id();
            await Owner.SellAsync(member, plan.Id(), start);
            return member;
        }
    }

    private async Task<Club> ClubAsync(string prefix)
    {
        var owner = app.As((await app.LoginAsOwnerAsync(await app.ProvisionTenantAsync(prefix))).AccessToken);
        return new Club(owner, await owner.MainBranchAsync());
    }

    private static void AssertDenied(JsonElement result, string reason)
    {
        Assert.False(result.GetProperty("allowed").GetBoolean(), $"expected {reason}, got {result}");
        Assert.Equal(reason, result.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("messageAr").GetString()));
    }

    [Fact]
    public async Task A_member_is_let_in_by_id_and_by_number_and_a_second_scan_within_minutes_is_refused()
    {
        using var club = await ClubAsync("ci-in");
        var member = await club.MemberWithAsync(await club.Owner.CreatePlanAsync());
        var number = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}")).GetProperty("number").GetString();

        var first = await club.CheckInAsync(new { memberId = member });
        Assert.True(first.GetProperty("allowed").GetBoolean());
        AssertDenied(await club.CheckInAsync(new { memberNumber = number }), "already-checked-in");

        // Any offset: the range is compared as instants.
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(3)).ToString("O"));
        var history = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/check-ins?memberId={member}&includeDenied=true&from={since}");
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());
        Assert.Equal("MemberNumber", history.GetProperty("items")[0].GetProperty("method").GetString());
    }

    [Fact]
    public async Task Scans_of_one_member_at_the_same_moment_let_them_in_once()
    {
        using var club = await ClubAsync("ci-race");
        var member = await club.MemberWithAsync(await club.Owner.CreatePlanAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => club.CheckInAsync(new { memberId = member })));

        Assert.Single(results, r => r.GetProperty("allowed").GetBoolean());
        Assert.All(results.Where(r => !r.GetProperty("allowed").GetBoolean()), r => AssertDenied(r, "already-checked-in"));
        var history = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/check-ins?memberId={member}");
        Assert.Equal(1, history.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Each_reason_to_turn_a_member_away_is_given_with_its_code()
    {
        using var club = await ClubAsync("ci-deny");
        var otherBranch = (await club.Owner.PostOkAsync("/api/branches", new { nameEn = "North", nameAr = "الشمال" })).Id();
        var plan = await club.Owner.CreatePlanAsync();

        AssertDenied(await club.CheckInAsync(new { memberId = (await club.Owner.CreateMemberAsync()).Id() }), "no-active-membership");

        var frozen = await club.Owner.CreateMemberAsync();
        var sold = await club.Owner.SellAsync(frozen.Id(), plan.Id());
        await club.Owner.PostOkAsync($"/api/subscriptions/{sold.Id()}/freezes", new { startDate = Today, endDate = Today.AddDays(5) });
        AssertDenied(await club.CheckInAsync(new { memberId = frozen.Id() }), "membership-frozen");

        var lapsed = await club.MemberWithAsync(plan);
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var age = new Npgsql.NpgsqlCommand($"UPDATE subscriptions SET start_date = start_date - 60, end_date = end_date - 60, base_end_date = base_end_date - 60 WHERE member_id = '{lapsed}'", sql);
            await age.ExecuteNonQueryAsync();
        }

        AssertDenied(await club.CheckInAsync(new { memberId = lapsed }), "membership-expired");

        var northOnly = await club.MemberWithAsync(await club.Owner.CreatePlanAsync(allBranches: false, branchIds: [otherBranch]));
        AssertDenied(await club.CheckInAsync(new { memberId = northOnly }), "branch-not-included");
        Assert.True((await club.CheckInAsync(new { memberId = northOnly }, otherBranch)).GetProperty("allowed").GetBoolean());

        var localHour = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).Hour;
        var (from, until) = ($"{(localHour + 2) % 24:D2}:00", $"{(localHour + 3) % 24:D2}:00");
        var offHours = await club.MemberWithAsync(await club.Owner.CreatePlanAsync(accessFrom: from, accessUntil: until));
        AssertDenied(await club.CheckInAsync(new { memberId = offHours }), "outside-access-hours");

        var pack = await club.MemberWithAsync(await club.Owner.CreatePlanAsync(kind: "VisitPack", duration: 30, unit: "Days", visits: 1));
        var entered = await club.CheckInAsync(new { memberId = pack });
        Assert.Equal(0, entered.GetProperty("subscription").GetProperty("visitsLeft").GetInt32());
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var earlier = new Npgsql.NpgsqlCommand($"UPDATE check_ins SET at = at - interval '1 hour' WHERE member_id = '{pack}'", sql);
            await earlier.ExecuteNonQueryAsync();
        }

        AssertDenied(await club.CheckInAsync(new { memberId = pack }), "no-visits-left");
    }

    [Fact]
    public async Task A_branch_closed_by_its_opening_hours_turns_members_away()
    {
        using var club = await ClubAsync("ci-hours");
        var closedToday = Enum.GetValues<DayOfWeek>().Where(d => d != DateTime.UtcNow.AddHours(3).DayOfWeek)
            .Select(d => new { day = d.ToString(), opens = "06:00", closes = "23:00" });
        var branch = (await club.Owner.PostOkAsync("/api/branches", new { nameEn = "Weekday", nameAr = "أيام الأسبوع", openingHours = closedToday })).Id();
        var member = await club.MemberWithAsync(await club.Owner.CreatePlanAsync());

        AssertDenied(await club.CheckInAsync(new { memberId = member }, branch), "outside-access-hours");
    }

    [Fact]
    public async Task A_branch_closed_or_reopened_on_one_instance_is_closed_or_open_at_every_instances_door_at_once()
    {
        // Every instance keeps the club's branches (ClubSettingsCache); a change reaches the others over Redis. A new
        // connection per request, so the endpoint's load balancer spreads the requests over both instances.
        using var club = await ClubAsync("ci-reopen");
        club.Owner.DefaultRequestHeaders.ConnectionClose = true;
        var plan = await club.Owner.CreatePlanAsync();
        var members = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            members.Add(await club.MemberWithAsync(plan));
        }

        // Both instances behind the endpoint answer a few check-ins, so each holds the open branch.
        foreach (var member in members[..4])
        {
            Assert.True((await club.CheckInAsync(new { memberId = member })).GetProperty("allowed").GetBoolean());
        }

        Assert.True((await club.Owner.PostAsync($"/api/branches/{club.Branch}/deactivate", null)).IsSuccessStatusCode);
        // The announcement takes a moment to reach the other instance (without it, it would use its copy for a minute).
        await Task.Delay(AnnouncementDelivered);
        foreach (var member in members[4..8])
        {
            var refused = await club.Owner.PostAsJsonAsync("/api/check-ins", new { memberId = member, branchId = club.Branch });
            Assert.Equal("branch-inactive", (await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        }

        Assert.True((await club.Owner.PostAsync($"/api/branches/{club.Branch}/activate", null)).IsSuccessStatusCode);
        await Task.Delay(AnnouncementDelivered);
        foreach (var member in members[8..])
        {
            Assert.True((await club.CheckInAsync(new { memberId = member })).GetProperty("allowed").GetBoolean());
        }
    }

    [Fact]
    public async Task The_member_apps_QR_pass_lets_the_member_in_and_forged_or_foreign_passes_are_refused()
    {
        var tenant = await app.ProvisionTenantAsync("ci-qr");
        var ownerTokens = await app.LoginAsOwnerAsync(tenant);
        using var owner = app.As(ownerTokens.AccessToken);
        var branch = await owner.MainBranchAsync();
        var member = (await owner.CreateMemberAsync()).Id();
        await owner.SellAsync(member, (await owner.CreatePlanAsync()).Id());
        var (userId, tokens) = await app.AddUserAsync(tenant, ownerTokens, $"qr@{tenant.Slug}.test", "Member");
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var link = new Npgsql.NpgsqlCommand($"UPDATE members SET user_id = '{userId}' WHERE id = '{member}'", sql);
            await link.ExecuteNonQueryAsync();
        }

        using var memberApp = app.As(tokens.AccessToken);
        var pass = await memberApp.PostOkAsync("/api/me/check-in-pass");
        var token = pass.GetProperty("token").GetString()!;

        var tampered = token[..^3] + (token[^3] == 'A' ? "BBB" : "AAA");
        await (await owner.PostAsJsonAsync("/api/check-ins", new { branchId = branch, qrToken = tampered })).ReadProblemAsync(HttpStatusCode.BadRequest);
        using var otherClub = app.As((await app.LoginAsOwnerAsync(await app.ProvisionTenantAsync("ci-qr2"))).AccessToken);
        await (await otherClub.PostAsJsonAsync("/api/check-ins", new { branchId = await otherClub.MainBranchAsync(), qrToken = token })).ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await memberApp.GetAsync($"/api/check-ins")).ReadProblemAsync(HttpStatusCode.Forbidden);

        var result = await owner.PostOkAsync("/api/check-ins", new { branchId = branch, qrToken = token });
        Assert.True(result.GetProperty("allowed").GetBoolean());
        Assert.Equal(member, result.GetProperty("member").Id());
    }

    [Fact]
    public async Task Occupancy_counts_who_is_inside_and_check_out_lowers_it()
    {
        using var club = await ClubAsync("ci-occ");
        var plan = await club.Owner.CreatePlanAsync();
        var visits = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            visits.Add((await club.CheckInAsync(new { memberId = await club.MemberWithAsync(plan) })).Id());
        }

        Assert.Equal(3, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/branches/{club.Branch}/occupancy")).GetProperty("inside").GetInt32());
        await club.Owner.PostOkAsync($"/api/check-ins/{visits[0]}/check-out");
        Assert.Equal(2, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/branches/{club.Branch}/occupancy")).GetProperty("inside").GetInt32());
        await (await club.Owner.PostAsJsonAsync($"/api/check-ins/{visits[0]}/check-out", new { })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Unknown_members_and_branches_are_404_and_ambiguous_requests_400()
    {
        using var club = await ClubAsync("ci-bad");
        await (await club.Owner.PostAsJsonAsync("/api/check-ins", new { branchId = club.Branch, memberId = Guid.NewGuid() })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await club.Owner.PostAsJsonAsync("/api/check-ins", new { branchId = Guid.NewGuid(), memberId = Guid.NewGuid() })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await club.Owner.PostAsJsonAsync("/api/check-ins", new { branchId = club.Branch, memberId = Guid.NewGuid(), memberNumber = "1" })).ReadProblemAsync(HttpStatusCode.BadRequest);
    }
}
