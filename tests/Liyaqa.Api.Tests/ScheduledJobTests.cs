using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;
using Npgsql;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public class ScheduledJobTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task A_maintenance_pause_holds_jobs_and_mail_on_every_instance_and_across_a_restart_until_resumed()
    {
        var before = await app.Operator.GetFromJsonAsync<JsonElement>("/api/platform/maintenance");
        Assert.False(before.GetProperty("paused").GetBoolean());
        Assert.Contains(before.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("name").GetString() == "housekeeping" && j.GetProperty("nextRun").ValueKind == JsonValueKind.String);

        var tenant = await app.ProvisionTenantAsync("pause");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        Assert.True((await app.Operator.PostAsync("/api/platform/maintenance/pause", null)).IsSuccessStatusCode);
        try
        {
            var health = await WaitForJobsHealthAsync("DEGRADED");
            Assert.True(health.GetProperty("details").GetProperty("paused").GetBoolean());

            // Every instance notices within its next look (2 s); then queued mail waits.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await RequestResetAsync(tenant.Slug, owner);
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.DoesNotContain(app.Received(), m => m.To.Mailboxes.Any(to => to.Address == owner));

            // The pause lives in the job store: restarted instances come back paused.
            await app.ExecuteResourceCommandAsync(LiyaqaResources.Api, KnownResourceCommands.RestartCommand);
            await app.App.ResourceNotifications.WaitForResourceHealthyAsync(LiyaqaResources.Api);
            Assert.True((await app.Operator.GetFromJsonAsync<JsonElement>("/api/platform/maintenance")).GetProperty("paused").GetBoolean());
        }
        finally
        {
            Assert.True((await app.Operator.PostAsync("/api/platform/maintenance/resume", null)).IsSuccessStatusCode);
        }

        await WaitForJobsHealthAsync("UP");
        await app.WaitForMailToAsync(owner);
    }

    [Fact]
    public async Task Housekeeping_removes_long_spent_tokens_and_old_sent_mail_club_by_club_and_keeps_the_rest()
    {
        var tenant = await app.ProvisionTenantAsync("house");
        await app.LoginAsOwnerAsync(tenant);
        await using var sql = await app.OpenAsOwnerAsync();
        await ExecuteAsync(sql, $"""
            INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, created_at, expires_at)
            SELECT tenant_id, gen_random_uuid(), id, gen_random_uuid(), md5(random()::text) || md5(random()::text), now() - interval '90 days', now() - interval '60 days'
            FROM users WHERE tenant_id = '{tenant.Id}';
            INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at, sent_at)
            VALUES ('{tenant.Id}', gen_random_uuid(), 'email', 'old', 'en', 'old@{tenant.Slug}.test', 'Old', 'Old', 'SENT', 1, now(), gen_random_uuid() || '@liyaqa', now() - interval '200 days', now() - interval '200 days');
            """);

        var clock = Stopwatch.StartNew();
        while (await CountAsync(sql, $"SELECT count(*) FROM refresh_tokens WHERE tenant_id = '{tenant.Id}' AND expires_at < now() - interval '30 days'") > 0
               || await CountAsync(sql, $"SELECT count(*) FROM notification_queue WHERE recipient = 'old@{tenant.Slug}.test'") > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "housekeeping did not run");
            await Task.Delay(500);
        }

        // The session just signed in is kept.
        Assert.Equal(1, await CountAsync(sql, $"SELECT count(*) FROM refresh_tokens WHERE tenant_id = '{tenant.Id}'"));
    }

    private async Task<JsonElement> WaitForJobsHealthAsync(string status)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var health = await app.Api.GetFromJsonAsync<JsonElement>("/actuator/health");
            var jobs = health.GetProperty("components").GetProperty("jobs");
            if (jobs.GetProperty("status").GetString() == status)
            {
                return jobs;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the jobs component did not turn {status}");
            await Task.Delay(300);
        }
    }

    private Task<HttpResponseMessage> RequestResetAsync(string tenantSlug, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add("X-Tenant-Id", tenantSlug);
        return app.Api.SendAsync(request);
    }

    private static async Task ExecuteAsync(NpgsqlConnection sql, string text)
    {
        await using var command = new NpgsqlCommand(text, sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection sql, string text) =>
        (await sql.QueryAsync(text, r => r.GetInt64(0))).Single();
}
