using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;
using Npgsql;

namespace Liyaqa.Api.Tests.Monitoring;

/// <summary>
/// Uses the API the way a club and an attacker would, so that the series it creates only once something happens
/// (refused sign-ins, 429s, check-ins, bookings, no-shows and class fill, mail and SMS deliveries, 5xx, exceptions) exist on at least one replica.
/// </summary>
public static class ApiTraffic
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task ExerciseAsync(LiyaqaAppFixture app)
    {
        var tenant = await app.ProvisionTenantAsync("monitoring");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        using var staff = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);

        // liyaqa_check_ins_total: one member let in, one without a membership turned away.
        var branch = await staff.MainBranchAsync();
        var member = (await staff.CreateMemberAsync()).Id();
        await staff.SellAsync(member, (await staff.CreatePlanAsync()).Id());
        await staff.PostOkAsync("/api/check-ins", new { memberId = member, branchId = branch });
        await staff.PostOkAsync("/api/check-ins", new { memberId = (await staff.CreateMemberAsync()).Id(), branchId = branch });

        // liyaqa_bookings_total, liyaqa_booking_cancellations_total, then liyaqa_no_shows_total and liyaqa_class_fill_ratio:
        // one place booked and one cancelled in a class that then ends unattended.
        var classType = (await staff.PostOkAsync("/api/class-types", new { nameEn = "Spin", nameAr = "سبين", durationMinutes = 45, defaultCapacity = 10 })).Id();
        var session = (await staff.PostOkAsync("/api/class-sessions", new { classTypeId = classType, branchId = branch, startsAt = DateTimeOffset.UtcNow.AddHours(6) })).Id();
        var place = (await staff.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = member })).Id();
        var cancelling = (await staff.CreateMemberAsync()).Id();
        await staff.SellAsync(cancelling, (await staff.CreatePlanAsync()).Id());
        await staff.PostOkAsync($"/api/bookings/{(await staff.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = cancelling })).Id()}/cancel");
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var ended = new NpgsqlCommand("UPDATE class_sessions SET starts_at = now() - interval '1 hour', ends_at = now() - interval '15 minutes' WHERE id = @id", sql);
            ended.Parameters.AddWithValue("id", session);
            await ended.ExecuteNonQueryAsync();
        }

        // liyaqa_notifications_sent_total (email): a password reset mail.
        using (var reset = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset") { Content = JsonContent.Create(new { email = owner }) })
        {
            reset.Headers.Add("X-Tenant-Id", tenant.Slug);
            (await app.Api.SendAsync(reset)).EnsureSuccessStatusCode();
        }

        // liyaqa_notifications_failed_total (sms): a text the provider refuses once, then accepts.
        var phone = ClubData.NextMobile();
        app.SmsProvider.FailOnceFor(phone);
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at)
                VALUES (@tenant, gen_random_uuid(), 'sms', 'monitoring-test', 'en', @phone, NULL, 'Counted', 'PENDING', 0, now(), gen_random_uuid() || '@liyaqa', now())
                """, sql);
            insert.Parameters.AddWithValue("tenant", tenant.Id);
            insert.Parameters.AddWithValue("phone", phone);
            await insert.ExecuteNonQueryAsync();
        }

        // liyaqa_auth_login_failures_total, then liyaqa_rate_limit_rejections_total: wrong passwords until 429.
        for (var attempt = 1; (await app.PostLoginAsync(tenant.Slug, owner, "Wrong-password")).StatusCode != HttpStatusCode.TooManyRequests; attempt++)
        {
            Assert.True(attempt < 50, "50 wrong passwords for one account were never answered 429");
        }

        // A 500, and with it dotnet_exceptions_total.
        Assert.Equal(HttpStatusCode.InternalServerError, (await app.Api.GetAsync("/api/diagnostics/fault")).StatusCode);

        await app.WaitForMailToAsync(owner);
        var noShow = Stopwatch.StartNew();
        while ((await staff.GetFromJsonAsync<JsonElement>($"/api/class-sessions/{session}/bookings")).EnumerateArray().Single(b => b.Id() == place).GetProperty("status").GetString() != "NoShow")
        {
            Assert.True(noShow.Elapsed < Patience, $"the ended class was not closed by the no-show job within {Patience.TotalSeconds} s");
            await Task.Delay(200);
        }

        var clock = Stopwatch.StartNew();
        while (!app.SmsProvider.Requests.Any(r => r.Body.GetProperty("to").GetString() == phone && r.Status == 202))
        {
            Assert.True(clock.Elapsed < Patience, $"the text to {phone} was not refused and then accepted within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
