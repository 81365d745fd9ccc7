using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>Selling and looking after memberships through the API, with the member's status following.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class SubscriptionTests(LiyaqaAppFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);

    private async Task<HttpClient> OwnerAsync(string prefix) =>
        app.As((await app.LoginAsOwnerAsync(await app.ProvisionTenantAsync(prefix))).AccessToken);

    private static async Task<string> StatusAsync(HttpClient client, Guid member) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/members/{member}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task Selling_a_plan_turns_a_lead_into_an_active_member_and_charges_VAT_and_the_joining_fee_once()
    {
        using var owner = await OwnerAsync("sub-sell");
        var member = (await owner.CreateMemberAsync(leadSource: "walk-in")).Id();
        var plan = (await owner.CreatePlanAsync(price: 230m, joiningFee: 115m)).Id();
        Assert.Equal("Lead", await StatusAsync(owner, member));

        var first = await owner.SellAsync(member, plan, discount: 23m);
        Assert.Equal("Active", await StatusAsync(owner, member));
        Assert.Equal(322m, first.GetProperty("charge").GetProperty("total").GetDecimal());
        Assert.Equal(42m, first.GetProperty("charge").GetProperty("vat").GetDecimal());

        var renewal = await owner.PostOkAsync($"/api/subscriptions/{first.Id()}/renew");
        Assert.Equal(230m, renewal.GetProperty("charge").GetProperty("total").GetDecimal());
        Assert.Equal(first.GetProperty("endDate").GetDateTime().AddDays(1), renewal.GetProperty("startDate").GetDateTime());
    }

    [Fact]
    public async Task A_trial_pass_makes_a_lead_a_trial_member_once()
    {
        using var owner = await OwnerAsync("sub-trial");
        var member = (await owner.CreateMemberAsync(leadSource: "instagram")).Id();

        var trial = await owner.PostOkAsync($"/api/members/{member}/trial", new { visits = 2 });
        Assert.True(trial.GetProperty("isTrial").GetBoolean());
        Assert.Equal("Trial", await StatusAsync(owner, member));
        var again = await owner.PostAsJsonAsync($"/api/members/{member}/trial", new { days = 3 });
        Assert.Equal("trial-not-for-customers", (await again.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Freezing_moves_the_end_date_and_unfreezing_today_gives_the_days_back()
    {
        using var owner = await OwnerAsync("sub-freeze");
        var member = (await owner.CreateMemberAsync()).Id();
        var sold = await owner.SellAsync(member, (await owner.CreatePlanAsync()).Id());
        var end = DateOnly.FromDateTime(sold.GetProperty("endDate").GetDateTime());

        var frozen = await owner.PostOkAsync($"/api/subscriptions/{sold.Id()}/freezes", new { startDate = Today, endDate = Today.AddDays(9) });
        Assert.Equal(end.AddDays(10), DateOnly.FromDateTime(frozen.GetProperty("endDate").GetDateTime()));
        Assert.Equal("Frozen", await StatusAsync(owner, member));

        var freezeId = frozen.GetProperty("freezes")[0].Id();
        var back = await owner.DeleteAsync($"/api/subscriptions/{sold.Id()}/freezes/{freezeId}");
        var thawed = await back.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(end, DateOnly.FromDateTime(thawed.GetProperty("endDate").GetDateTime()));
        Assert.Equal("Active", await StatusAsync(owner, member));
    }

    [Theory]
    [InlineData(0, 1, "freeze-length")]
    [InlineData(0, 60, "freeze-length")]
    [InlineData(90, 100, "freeze-outside-subscription")]
    public async Task A_freeze_against_the_plans_rules_is_a_422_with_its_reason(int from, int to, string code)
    {
        using var owner = await OwnerAsync("sub-frz-rule");
        var sold = await owner.SellAsync((await owner.CreateMemberAsync()).Id(), (await owner.CreatePlanAsync()).Id());

        var refused = await owner.PostAsJsonAsync($"/api/subscriptions/{sold.Id()}/freezes", new { startDate = Today.AddDays(from), endDate = Today.AddDays(to) });
        Assert.Equal(code, (await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        var unchanged = await owner.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{sold.Id()}");
        Assert.Equal(0, unchanged.GetProperty("freezes").GetArrayLength());
    }

    [Fact]
    public async Task The_yearly_freeze_allowance_is_enforced_and_a_member_can_freeze_within_it_themselves()
    {
        var tenant = await app.ProvisionTenantAsync("sub-self");
        var ownerTokens = await app.LoginAsOwnerAsync(tenant);
        using var owner = app.As(ownerTokens.AccessToken);
        var email = $"self@{tenant.Slug}.test";
        var member = (await owner.CreateMemberAsync(email: email)).Id();
        var plan = (await owner.CreatePlanAsync(duration: 12, maxFreezes: 1)).Id();
        var sold = await owner.SellAsync(member, plan);

        var (userId, memberTokens) = await app.AddUserAsync(tenant, ownerTokens, $"app-{email}", "Member");
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var link = new Npgsql.NpgsqlCommand($"UPDATE members SET user_id = '{userId}' WHERE id = '{member}'", sql);
            await link.ExecuteNonQueryAsync();
        }

        using var memberApp = app.As(memberTokens.AccessToken);
        var mine = await memberApp.PostAsJsonAsync($"/api/me/subscriptions/{sold.Id()}/freezes", new { startDate = Today.AddDays(30), endDate = Today.AddDays(40) });
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var second = await memberApp.PostAsJsonAsync($"/api/me/subscriptions/{sold.Id()}/freezes", new { startDate = Today.AddDays(60), endDate = Today.AddDays(70) });
        Assert.Equal("freeze-allowance-used", (await second.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        // Another member's subscription is out of reach.
        var stranger = await owner.SellAsync((await owner.CreateMemberAsync()).Id(), plan);
        await (await memberApp.PostAsJsonAsync($"/api/me/subscriptions/{stranger.Id()}/freezes", new { startDate = Today.AddDays(30), endDate = Today.AddDays(40) }))
            .ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changing_plan_credits_the_unused_value_and_cancelling_now_ends_access()
    {
        using var owner = await OwnerAsync("sub-change");
        var member = (await owner.CreateMemberAsync()).Id();
        var basic = await owner.SellAsync(member, (await owner.CreatePlanAsync(duration: 30, unit: "Days", price: 300m)).Id());
        var premium = (await owner.CreatePlanAsync(duration: 30, unit: "Days", price: 500m)).Id();

        var upgraded = await owner.PostOkAsync($"/api/subscriptions/{basic.Id()}/change-plan", new { planId = premium });
        Assert.Equal(300m, upgraded.GetProperty("discount").GetDecimal());
        Assert.Equal(200m, upgraded.GetProperty("charge").GetProperty("total").GetDecimal());
        var old = await owner.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{basic.Id()}");
        Assert.True(DateOnly.FromDateTime(old.GetProperty("endDate").GetDateTime()) < Today);

        await owner.PostOkAsync($"/api/subscriptions/{upgraded.Id()}/cancel", new { atPeriodEnd = false });
        Assert.Equal("Cancelled", await StatusAsync(owner, member));
        var twice = await owner.PostAsJsonAsync($"/api/subscriptions/{upgraded.Id()}/cancel", new { atPeriodEnd = false });
        await twice.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Plans_validate_each_field_and_an_inactive_plan_is_not_sold()
    {
        using var owner = await OwnerAsync("sub-plan");
        var invalid = await owner.PostAsJsonAsync("/api/membership-plans", new
        {
            nameEn = "",
            nameAr = "باقة",
            kind = "VisitPack",
            duration = 30,
            durationUnit = "Days",
            price = -5m,
            terms = new { allBranches = false, branchIds = Array.Empty<Guid>(), maxFreezesPerYear = 1, minFreezeDays = 10, maxFreezeDays = 5 },
        });
        var fields = (await invalid.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["nameEn", "price", "terms.branchIds", "terms.maxFreezeDays", "visits"], fields);

        var plan = (await owner.CreatePlanAsync()).Id();
        await owner.PostOkAsync($"/api/membership-plans/{plan}/deactivate");
        var refused = await owner.PostAsJsonAsync($"/api/members/{(await owner.CreateMemberAsync()).Id()}/subscriptions", new { planId = plan });
        Assert.Equal("plan-inactive", (await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }
}
