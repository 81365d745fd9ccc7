using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>A club's own booking rules: the late-cancel penalty, the no-show fee, and the waitlist cut-off, for real.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class BookingPenaltyTests(LiyaqaAppFixture app)
{
    private sealed record Club(HttpClient Owner, Guid ClassType) : IDisposable
    {
        public void Dispose() => Owner.Dispose();

        public async Task<Guid> ClassAsync(TimeSpan startsIn, int capacity = 5) =>
            (await Owner.PostOkAsync("/api/class-sessions", new { classTypeId = ClassType, branchId = await Owner.MainBranchAsync(), startsAt = DateTimeOffset.UtcNow + startsIn, capacity })).Id();

        public async Task<JsonElement> PolicyAsync(object changes)
        {
            var policy = JsonSerializer.SerializeToNode(await Owner.GetFromJsonAsync<JsonElement>("/api/booking-policy"))!.AsObject();
            foreach (var change in JsonSerializer.SerializeToNode(changes)!.AsObject())
            {
                policy[change.Key] = change.Value?.DeepClone();
            }

            var response = await Owner.PutAsJsonAsync("/api/booking-policy", policy);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        public async Task<JsonElement> ChargesOfAsync(Guid member) => await Owner.GetFromJsonAsync<JsonElement>($"/api/charges?memberId={member}");
    }

    private async Task<(Club Club, TenantInfo Tenant, Tokens OwnerTokens)> ClubAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix);
        var tokens = await app.LoginAsOwnerAsync(tenant);
        var owner = app.As(tokens.AccessToken);
        var type = await owner.PostOkAsync("/api/class-types", new { nameEn = "Pilates", nameAr = "بيلاتس", durationMinutes = 50, defaultCapacity = 12 });
        return (new Club(owner, type.Id()), tenant, tokens);
    }

    [Fact]
    public async Task Under_a_fee_policy_a_late_cancellation_returns_the_credit_and_raises_a_fee_line_with_VAT_that_staff_can_waive()
    {
        var (club, tenant, ownerTokens) = await ClubAsync("late-fee");
        using var disposeClub = club;
        var defaults = await club.Owner.GetFromJsonAsync<JsonElement>("/api/booking-policy");
        Assert.Equal(("ForfeitCredit", 120), (defaults.GetProperty("lateCancelPenalty").GetString(), defaults.GetProperty("lateCancelBeforeMinutes").GetInt32()));
        var invalid = await club.Owner.PutAsJsonAsync("/api/booking-policy", new
        {
            opensBeforeDays = 0,
            closesBeforeMinutes = 15,
            lateCancelBeforeMinutes = 120,
            promotionClosesBeforeMinutes = 30,
            reminderBeforeMinutes = 120,
            maxFutureBookings = 10,
            noShowLimit = 3,
            noShowBlockDays = 7,
            lateCancelPenalty = "Fee",
            lateCancelFee = 0,
            noShowFee = 0
        });
        var errors = (await invalid.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("opensBeforeDays", out _) && errors.TryGetProperty("lateCancelFee", out _), errors.ToString());
        await club.PolicyAsync(new { lateCancelPenalty = "Fee", lateCancelFee = 57.50m });

        // Another club still books by the defaults and sees none of these fees.
        var (other, _, _) = await ClubAsync("late-fee-other");
        using var disposeOther = other;
        Assert.Equal("ForfeitCredit", (await other.Owner.GetFromJsonAsync<JsonElement>("/api/booking-policy")).GetProperty("lateCancelPenalty").GetString());

        var plan = await club.Owner.CreatePlanAsync(price: 400m, maxFreezes: 0, classCredits: 10);
        var email = $"late@{tenant.Slug}.test";
        var member = (await club.Owner.CreateMemberAsync(email: email)).Id();
        var subscription = (await club.Owner.SellAsync(member, plan.Id())).Id();
        var booking = await club.Owner.PostOkAsync($"/api/class-sessions/{await club.ClassAsync(TimeSpan.FromHours(1))}/bookings", new { memberId = member });
        Assert.Equal(9, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscription}")).GetProperty("classCreditsLeft").GetInt32());

        var cancelled = await club.Owner.PostOkAsync($"/api/bookings/{booking.Id()}/cancel");

        Assert.Equal("LateCancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(10, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscription}")).GetProperty("classCreditsLeft").GetInt32());
        var fee = Assert.Single((await club.ChargesOfAsync(member)).EnumerateArray());
        Assert.Equal(("LateCancellation", "Open", booking.Id()), (fee.GetProperty("reason").GetString(), fee.GetProperty("status").GetString(), fee.GetProperty("bookingId").GetGuid()));
        Assert.Equal((50.00m, 7.50m, 57.50m, "SAR"), (fee.GetProperty("net").GetDecimal(), fee.GetProperty("vat").GetDecimal(), fee.GetProperty("total").GetDecimal(), fee.GetProperty("currency").GetString()));
        Assert.Empty((await other.Owner.GetFromJsonAsync<JsonElement>("/api/charges")).EnumerateArray());

        // The member sees it in the app.
        var (userId, memberTokens) = await app.AddUserAsync(tenant, ownerTokens, $"app-{email}", "Member");
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var link = new Npgsql.NpgsqlCommand($"UPDATE members SET user_id = '{userId}' WHERE id = '{member}'", sql);
            await link.ExecuteNonQueryAsync();
        }

        using (var memberApp = app.As(memberTokens.AccessToken))
        {
            Assert.Equal(fee.Id(), Assert.Single((await memberApp.GetFromJsonAsync<JsonElement>("/api/me/charges")).EnumerateArray()).Id());
        }

        await (await club.Owner.PostAsJsonAsync($"/api/charges/{fee.Id()}/waive", new { reason = "" })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var waived = await club.Owner.PostOkAsync($"/api/charges/{fee.Id()}/waive", new { reason = "First late cancellation this year" });
        Assert.Equal(("Waived", "First late cancellation this year"), (waived.GetProperty("status").GetString(), waived.GetProperty("waiveReason").GetString()));
        var again = await club.Owner.PostAsJsonAsync($"/api/charges/{fee.Id()}/waive", new { reason = "again" });
        Assert.Equal("charge-not-open", (await again.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.PostAsJsonAsync($"/api/charges/{fee.Id()}/waive", new { reason = "not ours" })).StatusCode);
    }

    [Fact]
    public async Task A_no_show_raises_the_clubs_fee_and_correcting_it_to_attended_waives_the_fee()
    {
        var (club, _, _) = await ClubAsync("noshow-fee");
        using var disposeClub = club;
        await club.PolicyAsync(new { noShowFee = 23m });
        var member = (await club.Owner.CreateMemberAsync()).Id();
        await club.Owner.SellAsync(member, (await club.Owner.CreatePlanAsync()).Id());
        var session = await club.ClassAsync(TimeSpan.FromHours(5));
        var booking = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = member });
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var past = new Npgsql.NpgsqlCommand(
                $"UPDATE class_sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '70 minutes' WHERE id = '{session}'", sql);
            await past.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        JsonElement charges;
        while ((charges = await club.ChargesOfAsync(member)).GetArrayLength() == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the no-show job raised no fee");
            await Task.Delay(300);
        }

        var fee = Assert.Single(charges.EnumerateArray());
        Assert.Equal(("NoShow", 20.00m, 3.00m, 23.00m), (fee.GetProperty("reason").GetString(), fee.GetProperty("net").GetDecimal(), fee.GetProperty("vat").GetDecimal(), fee.GetProperty("total").GetDecimal()));
        Assert.Equal("NoShow", (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings"))[0].GetProperty("status").GetString());

        await club.Owner.PostOkAsync($"/api/bookings/{booking.Id()}/attendance", new { attended = true });

        var corrected = Assert.Single((await club.ChargesOfAsync(member)).EnumerateArray());
        Assert.Equal(("Waived", "Marked attended after all."), (corrected.GetProperty("status").GetString(), corrected.GetProperty("waiveReason").GetString()));
    }

    [Fact]
    public async Task The_waitlist_closes_at_the_cut_off_telling_those_still_waiting_and_a_full_class_then_takes_no_more_waiters()
    {
        var (club, tenant, _) = await ClubAsync("cutoff");
        using var disposeClub = club;
        await club.PolicyAsync(new { promotionClosesBeforeMinutes = 50 });
        var session = await club.ClassAsync(TimeSpan.FromMinutes(60), capacity: 1);
        var plan = (await club.Owner.CreatePlanAsync()).Id();
        var members = new List<Guid>();
        var waitingEmail = $"waiting@{tenant.Slug}.test";
        foreach (var email in new[] { null, waitingEmail, null })
        {
            members.Add((await club.Owner.CreateMemberAsync(email: email)).Id());
            await club.Owner.SellAsync(members[^1], plan);
        }

        var booked = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = members[0] });
        var waiting = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = members[1] });
        Assert.Equal("Waitlisted", waiting.GetProperty("status").GetString());

        // The club moves its cut-off to 70 minutes: the class is past it, and the job closes the waitlist.
        await club.PolicyAsync(new { promotionClosesBeforeMinutes = 70 });
        var mail = Assert.Single(await app.WaitForMailsToAsync(waitingEmail, 1, TimeSpan.FromSeconds(20)));
        Assert.StartsWith("أُغلقت قائمة الانتظار: بيلاتس", mail.Subject, StringComparison.Ordinal);
        var list = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings")).EnumerateArray().ToList();
        Assert.Equal("WaitlistExpired", list.Single(b => b.Id() == waiting.Id()).GetProperty("status").GetString());

        var late = await club.Owner.PostAsJsonAsync($"/api/class-sessions/{session}/bookings", new { memberId = members[2] });
        Assert.Equal("waitlist-closed", (await late.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        await club.Owner.PostOkAsync($"/api/bookings/{booked.Id()}/cancel");
        var row = (await club.Owner.GetFromJsonAsync<JsonElement>("/api/class-sessions")).EnumerateArray().Single(s => s.Id() == session);
        Assert.Equal((1, 0), (row.GetProperty("spotsLeft").GetInt32(), row.GetProperty("waitlisted").GetInt32()));
    }

    [Fact]
    public async Task The_clubs_cap_the_closed_window_a_cancelled_class_and_spent_places_are_refused_with_their_codes()
    {
        var (club, _, _) = await ClubAsync("rule-codes");
        using var disposeClub = club;
        await club.PolicyAsync(new { maxFutureBookings = 1 });
        var member = (await club.Owner.CreateMemberAsync()).Id();
        await club.Owner.SellAsync(member, (await club.Owner.CreatePlanAsync()).Id());
        async Task<string?> RefusalAsync(HttpResponseMessage response) =>
            (await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString();

        var first = await club.Owner.PostOkAsync($"/api/class-sessions/{await club.ClassAsync(TimeSpan.FromDays(1))}/bookings", new { memberId = member });
        var second = await club.ClassAsync(TimeSpan.FromDays(2));
        Assert.Equal("booking-limit", await RefusalAsync(await club.Owner.PostAsJsonAsync($"/api/class-sessions/{second}/bookings", new { memberId = member })));

        await club.Owner.PostOkAsync($"/api/bookings/{first.Id()}/cancel");
        Assert.Equal("booking-not-active", await RefusalAsync(await club.Owner.PostAsJsonAsync($"/api/bookings/{first.Id()}/cancel", new { })));
        Assert.Equal("booking-not-attendable", await RefusalAsync(await club.Owner.PostAsJsonAsync($"/api/bookings/{first.Id()}/attendance", new { attended = true })));

        var soon = await club.ClassAsync(TimeSpan.FromMinutes(10));
        Assert.Equal("booking-closed", await RefusalAsync(await club.Owner.PostAsJsonAsync($"/api/class-sessions/{soon}/bookings", new { memberId = member })));
        await club.Owner.PostOkAsync($"/api/class-sessions/{second}/cancel");
        Assert.Equal("session-cancelled", await RefusalAsync(await club.Owner.PostAsJsonAsync($"/api/class-sessions/{second}/bookings", new { memberId = member })));
        Assert.Empty((await club.ChargesOfAsync(member)).EnumerateArray());
    }
}
