using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>
/// The shared Idempotency-Key filter, exercised through booking: a key belongs to its club, caller and operation and
/// remembers the request it was first used for.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class IdempotencyTests(LiyaqaAppFixture app)
{
    private sealed record Club(TenantInfo Tenant, Tokens OwnerTokens, HttpClient Owner, Guid Plan, Guid Session) : IDisposable
    {
        public void Dispose() => Owner.Dispose();

        public async Task<Guid> MemberAsync()
        {
            var member = (await Owner.CreateMemberAsync()).Id();
            await Owner.SellAsync(member, Plan);
            return member;
        }

        public async Task<List<JsonElement>> BookingsAsync() =>
            [.. (await Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{Session}/bookings")).EnumerateArray()];
    }

    private async Task<Club> ClubAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix);
        var tokens = await app.LoginAsOwnerAsync(tenant);
        var owner = app.As(tokens.AccessToken);
        var plan = (await owner.CreatePlanAsync()).Id();
        var classType = (await owner.PostOkAsync("/api/class-types", new { nameEn = "Spin", nameAr = "دراجات", durationMinutes = 45, defaultCapacity = 10 })).Id();
        var session = (await owner.PostOkAsync("/api/class-sessions", new { classTypeId = classType, branchId = await owner.MainBranchAsync(), startsAt = DateTimeOffset.UtcNow.AddDays(1) })).Id();
        return new Club(tenant, tokens, owner, plan, session);
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, Guid session, string key, Guid? memberId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/class-sessions/{session}/bookings") { Content = JsonContent.Create(new { memberId }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_member_sending_the_key_another_member_used_is_booked_and_does_not_get_the_other_booking()
    {
        using var club = await ClubAsync("idem-members");
        var (sara, noura) = (await club.MemberAsync(), await club.MemberAsync());
        using var saraApp = await app.MemberAppAsync(club.Tenant, club.OwnerTokens, sara);
        using var nouraApp = await app.MemberAppAsync(club.Tenant, club.OwnerTokens, noura);

        var first = await BookAsync(saraApp, club.Session, "book-1");
        var second = await BookAsync(nouraApp, club.Session, "book-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        var (saraBooking, nouraBooking) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await second.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(sara, saraBooking.GetProperty("memberId").GetGuid());
        Assert.Equal(noura, nouraBooking.GetProperty("memberId").GetGuid());
        Assert.Equal(new[] { sara, noura }.Order(), (await club.BookingsAsync()).Select(b => b.GetProperty("memberId").GetGuid()).Order());
    }

    [Fact]
    public async Task The_same_key_sent_twice_in_parallel_books_once_and_both_get_the_same_answer()
    {
        using var club = await ClubAsync("idem-parallel");
        var member = await club.MemberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => BookAsync(club.Owner, club.Session, "parallel-1", member)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).Id()));
        Assert.Single(ids.Distinct());
        Assert.Equal(5, answers.Count(a => a.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(ids[0], Assert.Single(await club.BookingsAsync()).Id());
        Assert.All(answers, a => Assert.Equal($"/api/bookings/{ids[0]}", a.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task Reusing_a_key_for_another_request_is_refused_and_does_nothing()
    {
        using var club = await ClubAsync("idem-reuse");
        var (first, other) = (await club.MemberAsync(), await club.MemberAsync());
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(club.Owner, club.Session, "reuse-1", first)).StatusCode);

        var reused = await BookAsync(club.Owner, club.Session, "reuse-1", other);

        Assert.Equal("idempotency-key-reused", (await reused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        Assert.Equal(first, Assert.Single(await club.BookingsAsync()).GetProperty("memberId").GetGuid());
        var malformed = await BookAsync(club.Owner, club.Session, new string('k', 101), other);
        Assert.True((await malformed.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Another_clubs_same_key_is_a_new_key_and_a_refused_request_leaves_its_key_free()
    {
        using var a = await ClubAsync("idem-club-a");
        using var b = await ClubAsync("idem-club-b");
        var (memberA, memberB) = (await a.MemberAsync(), await b.MemberAsync());
        var bookedA = await (await BookAsync(a.Owner, a.Session, "shared-key", memberA)).Content.ReadFromJsonAsync<JsonElement>();

        var inB = await BookAsync(b.Owner, b.Session, "shared-key", memberB);

        Assert.Equal(HttpStatusCode.Created, inB.StatusCode);
        var bookedB = await inB.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(bookedA.Id(), bookedB.Id());
        Assert.Equal(memberB, bookedB.GetProperty("memberId").GetGuid());

        // A member without a membership is refused; the key is not spent, so the corrected request books.
        var unsold = (await b.Owner.CreateMemberAsync()).Id();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await BookAsync(b.Owner, b.Session, "fix-me", unsold)).StatusCode);
        await b.Owner.SellAsync(unsold, b.Plan);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(b.Owner, b.Session, "fix-me", unsold)).StatusCode);
    }
}
