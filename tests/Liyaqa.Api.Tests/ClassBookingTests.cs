using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>Classes and bookings: no overbooking under concurrency, waitlist promotion, cancellation rules, reminders.</summary>
[Collection(LiyaqaAppCollection.Name)]
public class ClassBookingTests(LiyaqaAppFixture app)
{
    private sealed record Club(HttpClient Owner, Guid Branch, Guid Plan, Guid ClassType) : IDisposable
    {
        public void Dispose() => Owner.Dispose();

        public async Task<Guid> SessionAsync(int capacity, TimeSpan? startsIn = null, Guid? roomId = null) =>
            (await Owner.PostOkAsync("/api/class-sessions", new
            {
                classTypeId = ClassType,
                branchId = Branch,
                startsAt = DateTimeOffset.UtcNow + (startsIn ?? TimeSpan.FromDays(1)),
                capacity,
                roomId,
            })).Id();

        /// <summary>A room of the club's branch, large enough for any class of these tests.</summary>
        public async Task<Guid> RoomAsync(string nameEn) =>
            (await Owner.PostOkAsync("/api/rooms", new { branchId = Branch, nameEn, nameAr = $"قاعة {nameEn}", capacity = 50 })).Id();

        public async Task<Guid> MemberAsync(string? email = null)
        {
            var member = (await Owner.CreateMemberAsync(email: email)).Id();
            await Owner.SellAsync(member, Plan);
            return member;
        }
    }

    private async Task<Club> ClubAsync(string prefix) => await ClubOfAsync((await app.LoginAsOwnerAsync(await app.ProvisionTenantAsync(prefix))).AccessToken);

    [Fact]
    public async Task Fifty_parallel_bookings_for_the_last_place_admit_exactly_one_and_waitlist_the_rest_in_order()
    {
        using var club = await ClubAsync("book-race");
        var session = await club.SessionAsync(capacity: 2);
        await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = await club.MemberAsync() });
        var members = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            members.Add(await club.MemberAsync());
        }

        var responses = await Task.WhenAll(members.Select(m => club.Owner.PostAsJsonAsync($"/api/class-sessions/{session}/bookings", new { memberId = m })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var results = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(results, r => r.GetProperty("status").GetString() == "Booked");
        Assert.Equal(49, results.Count(r => r.GetProperty("status").GetString() == "Waitlisted"));
        var list = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings");
        Assert.Equal(2, list.EnumerateArray().Count(b => b.GetProperty("status").GetString() == "Booked"));
        var waitlist = list.EnumerateArray().Where(b => b.GetProperty("status").GetString() == "Waitlisted").ToList();
        Assert.Equal(Enumerable.Range(1, 49), waitlist.Select(b => b.GetProperty("waitlistPosition").GetInt32()));
        // Each member was told the place in line the list shows.
        var told = results.Where(r => r.GetProperty("status").GetString() == "Waitlisted").ToDictionary(r => r.Id(), r => r.GetProperty("waitlistPosition").GetInt32());
        Assert.All(waitlist, b => Assert.Equal(b.GetProperty("waitlistPosition").GetInt32(), told[b.Id()]));
        var timetable = await club.Owner.GetFromJsonAsync<JsonElement>("/api/class-sessions");
        var row = timetable.EnumerateArray().Single(s => s.Id() == session);
        Assert.Equal((0, 49), (row.GetProperty("spotsLeft").GetInt32(), row.GetProperty("waitlisted").GetInt32()));
    }

    [Fact]
    public async Task A_freed_place_goes_to_the_first_in_line_who_is_told_and_a_retry_with_the_same_key_books_once()
    {
        using var club = await ClubAsync("book-promote");
        var session = await club.SessionAsync(capacity: 1);
        var first = await club.MemberAsync();
        var waitingEmail = $"waiting@{Guid.NewGuid():N}.test";
        var waiting = await club.MemberAsync(waitingEmail);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/class-sessions/{session}/bookings") { Content = JsonContent.Create(new { memberId = first }) };
        request.Headers.Add("Idempotency-Key", "retry-1");
        var booked = await (await club.Owner.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/class-sessions/{session}/bookings") { Content = JsonContent.Create(new { memberId = first }) };
        retry.Headers.Add("Idempotency-Key", "retry-1");
        var again = await club.Owner.SendAsync(retry);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(booked.Id(), (await again.Content.ReadFromJsonAsync<JsonElement>()).Id());

        var queued = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = waiting });
        Assert.Equal(("Waitlisted", 1), (queued.GetProperty("status").GetString(), queued.GetProperty("waitlistPosition").GetInt32()));
        var duplicate = await club.Owner.PostAsJsonAsync($"/api/class-sessions/{session}/bookings", new { memberId = waiting });
        Assert.Equal("already-booked", (await duplicate.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        await club.Owner.PostOkAsync($"/api/bookings/{booked.Id()}/cancel");
        var list = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings");
        Assert.Equal("Booked", list.EnumerateArray().Single(b => b.Id() == queued.Id()).GetProperty("status").GetString());
        var mail = (await app.WaitForMailsToAsync(waitingEmail, 1)).Single();
        Assert.StartsWith("توفر مكان: دراجات داخلية", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freezing_a_membership_gives_up_its_places_in_the_frozen_days_to_the_waitlist()
    {
        using var club = await ClubAsync("book-freeze");
        var session = await club.SessionAsync(capacity: 1, startsIn: TimeSpan.FromDays(3));
        var freezer = (await club.Owner.CreateMemberAsync()).Id();
        var subscription = await club.Owner.SellAsync(freezer, club.Plan);
        var place = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = freezer });
        var next = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = await club.MemberAsync() });
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);

        await club.Owner.PostOkAsync($"/api/subscriptions/{subscription.Id()}/freezes", new { startDate = today.AddDays(1), endDate = today.AddDays(6) });

        var list = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings")).EnumerateArray().ToList();
        Assert.Equal("Cancelled", list.Single(b => b.Id() == place.Id()).GetProperty("status").GetString());
        Assert.Equal("Booked", list.Single(b => b.Id() == next.Id()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Checking_in_marks_the_class_attended_and_staff_can_correct_it()
    {
        using var club = await ClubAsync("book-attend");
        var session = await club.SessionAsync(capacity: 5, startsIn: TimeSpan.FromMinutes(20));
        var member = await club.MemberAsync();
        var booking = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = member });

        await club.Owner.PostOkAsync("/api/check-ins", new { branchId = club.Branch, memberId = member });
        var status = async () => (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings"))[0].GetProperty("status").GetString();
        Assert.Equal("Attended", await status());

        await club.Owner.PostOkAsync($"/api/bookings/{booking.Id()}/attendance", new { attended = false });
        Assert.Equal("NoShow", await status());
    }

    [Fact]
    public async Task Unattended_places_become_no_shows_after_the_class_and_three_in_a_month_pause_booking()
    {
        using var club = await ClubAsync("book-noshow");
        var member = await club.MemberAsync();
        var sessions = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await club.SessionAsync(capacity: 5, startsIn: TimeSpan.FromHours(5 + i), roomId: await club.RoomAsync($"Studio {i}")));
            await club.Owner.PostOkAsync($"/api/class-sessions/{sessions[^1]}/bookings", new { memberId = member });
        }

        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var past = new Npgsql.NpgsqlCommand(
                $"UPDATE class_sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '75 minutes' WHERE id IN ('{string.Join("','", sessions)}')", sql);
            await past.ExecuteNonQueryAsync();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await Task.WhenAll(sessions.Select(s => club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{s}/bookings"))))
               .Any(list => list[0].GetProperty("status").GetString() != "NoShow"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the no-show job did not mark the places");
            await Task.Delay(300);
        }

        var next = await club.SessionAsync(capacity: 5);
        var refused = await club.Owner.PostAsJsonAsync($"/api/class-sessions/{next}/bookings", new { memberId = member });
        Assert.Equal("no-show-blocked", (await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_weekly_series_keeps_its_local_time_changes_from_a_date_and_skips_exceptions()
    {
        using var club = await ClubAsync("book-series");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);
        var (start, end) = (today.AddDays(1), today.AddDays(21));
        var expected = Enumerable.Range(0, 21).Select(i => start.AddDays(i)).Where(d => d.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday).ToList();
        var skipped = expected[1];
        var studio = await club.RoomAsync("Studio A");
        var series = await club.Owner.PostOkAsync("/api/class-series", new
        {
            classTypeId = club.ClassType,
            branchId = club.Branch,
            roomId = studio,
            capacity = 10,
            rule = new { days = new[] { "Monday", "Wednesday" }, localTime = "18:30", startDate = start, endDate = end, exceptions = new[] { skipped } },
        });

        var sessions = series.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(expected.Count - 1, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(new TimeSpan(15, 30, 0), s.GetProperty("startsAt").GetDateTimeOffset().UtcDateTime.TimeOfDay));
        var firstDay = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions?day={expected[0]:yyyy-MM-dd}");
        Assert.Equal(sessions[0].Id(), Assert.Single(firstDay.EnumerateArray()).Id());
        Assert.Empty((await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions?day={skipped:yyyy-MM-dd}")).EnumerateArray());
        var clash = await club.Owner.PostAsJsonAsync("/api/class-series", new
        {
            classTypeId = club.ClassType,
            branchId = club.Branch,
            roomId = studio,
            rule = new { days = new[] { expected[0].DayOfWeek.ToString() }, localTime = "18:45", startDate = start, endDate = end },
        });
        Assert.Contains("Studio A", (await clash.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var from = expected[2];
        var moved = await club.Owner.PutAsJsonAsync($"/api/class-series/{series.Id()}", new { fromDate = from, localTime = "19:00" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var timetable = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions?to={DateTimeOffset.UtcNow.AddDays(30):O}".Replace("+", "%2B", StringComparison.Ordinal)))
            .EnumerateArray().Select(s => s.GetProperty("startsAt").GetDateTimeOffset()).Order().ToList();
        Assert.Equal(new TimeSpan(15, 30, 0), timetable[0].UtcDateTime.TimeOfDay);
        Assert.All(timetable.Where(t => DateOnly.FromDateTime(t.UtcDateTime) >= from), t => Assert.Equal(new TimeSpan(16, 0, 0), t.UtcDateTime.TimeOfDay));

        var email = $"series@{Guid.NewGuid():N}.test";
        var firstClass = sessions[0].Id();
        await club.Owner.PostOkAsync($"/api/class-sessions/{firstClass}/bookings", new { memberId = await club.MemberAsync(email) });
        var shrink = await club.Owner.PutAsJsonAsync($"/api/class-sessions/{firstClass}", new { capacity = 0 });
        await shrink.ReadProblemAsync(HttpStatusCode.BadRequest);
        await club.Owner.PostOkAsync($"/api/class-series/{series.Id()}/exceptions", new { date = expected[0] });
        Assert.Contains(await app.WaitForMailsToAsync(email, 2), m => m.Subject!.StartsWith("أُلغي الحجز", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Booking_needs_a_membership_an_open_window_and_a_class_credit()
    {
        using var club = await ClubAsync("book-rules");
        var session = await club.SessionAsync(capacity: 5);
        var lead = (await club.Owner.CreateMemberAsync()).Id();
        var refused = await club.Owner.PostAsJsonAsync($"/api/class-sessions/{session}/bookings", new { memberId = lead });
        Assert.Equal("no-membership-for-class", (await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        var farAway = await club.SessionAsync(capacity: 5, startsIn: TimeSpan.FromDays(20));
        var early = await club.Owner.PostAsJsonAsync($"/api/class-sessions/{farAway}/bookings", new { memberId = await club.MemberAsync() });
        Assert.Equal("booking-not-open", (await early.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        var credits = await club.Owner.CreatePlanAsync(price: 100m, maxFreezes: 0, classCredits: 1);
        var member = (await club.Owner.CreateMemberAsync()).Id();
        var sold = await club.Owner.SellAsync(member, credits.Id());
        var one = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = member });
        var other = await club.SessionAsync(capacity: 5, roomId: await club.RoomAsync("Studio 2"));
        var none = await club.Owner.PostAsJsonAsync($"/api/class-sessions/{other}/bookings", new { memberId = member });
        Assert.Equal("no-class-credits", (await none.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        // Cancelling before the late-cancel cutoff gives the credit back.
        await club.Owner.PostOkAsync($"/api/bookings/{one.Id()}/cancel");
        Assert.Equal(1, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{sold.Id()}")).GetProperty("classCreditsLeft").GetInt32());
    }

    [Fact]
    public async Task A_room_holds_one_class_at_a_time_and_a_cancelled_class_cancels_its_bookings_and_tells_the_members()
    {
        using var club = await ClubAsync("book-cancel");
        var start = DateTimeOffset.UtcNow.AddDays(2);
        var studio = await club.RoomAsync("Studio 1");
        var session = (await club.Owner.PostOkAsync("/api/class-sessions", new { classTypeId = club.ClassType, branchId = club.Branch, startsAt = start, roomId = studio })).Id();
        var clash = await club.Owner.PostAsJsonAsync("/api/class-sessions", new { classTypeId = club.ClassType, branchId = club.Branch, startsAt = start.AddMinutes(30), roomId = studio });
        Assert.Contains("Studio 1", (await clash.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var email = $"cancelled@{Guid.NewGuid():N}.test";
        var booking = await club.Owner.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = await club.MemberAsync(email) });
        await club.Owner.PostOkAsync($"/api/class-sessions/{session}/cancel");

        var list = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings");
        Assert.Equal("Cancelled", list.EnumerateArray().Single(b => b.Id() == booking.Id()).GetProperty("status").GetString());
        Assert.Contains(await app.WaitForMailsToAsync(email, 2), m => m.Subject!.StartsWith("أُلغي الحجز", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_book_for_themselves_and_are_reminded_before_the_class()
    {
        var tenant = await app.ProvisionTenantAsync("book-self");
        var ownerTokens = await app.LoginAsOwnerAsync(tenant);
        using var club = await ClubOfAsync(ownerTokens.AccessToken);
        var email = $"self@{tenant.Slug}.test";
        var member = await club.MemberAsync(email);
        var (userId, tokens) = await app.AddUserAsync(tenant, ownerTokens, $"app-{email}", "Member");
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var link = new Npgsql.NpgsqlCommand($"UPDATE members SET user_id = '{userId}' WHERE id = '{member}'", sql);
            await link.ExecuteNonQueryAsync();
        }

        var soon = await club.SessionAsync(capacity: 3, startsIn: TimeSpan.FromMinutes(90));
        using var memberApp = app.As(tokens.AccessToken);
        var mine = await memberApp.PostOkAsync($"/api/class-sessions/{soon}/bookings", new { memberId = Guid.NewGuid() });
        Assert.Equal(member, mine.GetProperty("memberId").GetGuid());

        var mails = await app.WaitForMailsToAsync(email, 2, TimeSpan.FromSeconds(30));
        Assert.Contains(mails, m => m.Subject!.StartsWith("تذكير: دراجات داخلية", StringComparison.Ordinal));
        await (await memberApp.GetAsync($"/api/class-sessions/{soon}/bookings")).ReadProblemAsync(HttpStatusCode.Forbidden);

        var upcoming = await memberApp.GetFromJsonAsync<JsonElement>("/api/me/bookings");
        Assert.Equal(soon, Assert.Single(upcoming.EnumerateArray()).GetProperty("sessionId").GetGuid());

        // The calendar feed: a secret URL without sign-in; a new one ends the old, and revoking ends it.
        var feed = new Uri((await memberApp.PostOkAsync("/api/me/calendar-feed")).GetProperty("url").GetString()!).PathAndQuery;
        var ics = await app.Api.GetStringAsync(feed);
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{mine.Id()}@liyaqa", ics, StringComparison.Ordinal);
        Assert.Contains("Indoor cycling · دراجات داخلية", ics, StringComparison.Ordinal);
        var renewed = new Uri((await memberApp.PostOkAsync("/api/me/calendar-feed")).GetProperty("url").GetString()!).PathAndQuery;
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api.GetAsync(feed)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await memberApp.DeleteAsync("/api/me/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api.GetAsync(renewed)).StatusCode);
    }

    private async Task<Club> ClubOfAsync(string ownerToken)
    {
        var owner = app.As(ownerToken);
        var type = await owner.PostOkAsync("/api/class-types", new { nameEn = "Indoor cycling", nameAr = "دراجات داخلية", durationMinutes = 45, defaultCapacity = 20 });
        return new Club(owner, await owner.MainBranchAsync(), (await owner.CreatePlanAsync()).Id(), type.Id());
    }
}
