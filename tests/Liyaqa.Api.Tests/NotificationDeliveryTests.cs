using System.Diagnostics;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;
using Npgsql;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>The outbox against a real SMTP server: delivered once, waiting out outages, given up on at last.</summary>
[Collection(LiyaqaAppCollection.Name)]
public class NotificationDeliveryTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task A_delivered_message_carries_its_outbox_message_id_and_is_marked_sent()
    {
        var tenant = await app.ProvisionTenantAsync("sent");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        await RequestResetAsync(tenant.Slug, owner);

        var mail = await app.WaitForMailToAsync(owner);
        var row = await WaitForStatusAsync(owner, "SENT");

        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Equal(1, row.Attempts);
        Assert.Single(app.Received(), m => m.MessageId == row.MessageId);
        Assert.NotNull(await app.ApiLogs.WaitForLineAsync(line => line.Contains($"Mail {row.MessageId} sent", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_outbox_is_measured_for_the_NotificationFailure_alert()
    {
        var tenant = await app.ProvisionTenantAsync("metrics");
        await RequestResetAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug));
        await app.WaitForMailToAsync(LiyaqaAppFixture.OwnerEmail(tenant.Slug));

        // Each replica exposes its own counters; across a few scrapes both are seen.
        var scrapes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/actuator/prometheus");
            request.Headers.ConnectionClose = true;
            scrapes.Add(await (await app.Operator.SendAsync(request)).Content.ReadAsStringAsync());
        }

        static bool HasSeries(string scrape, string metric, string label) =>
            scrape.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal));

        Assert.Contains(scrapes, s => HasSeries(s, "liyaqa_notifications_sent_total", "channel=\"email\""));
        Assert.All(scrapes, s => Assert.True(HasSeries(s, "liyaqa_notifications_queue_depth", "status=\"PENDING\"")));
        Assert.All(scrapes, s => Assert.True(HasSeries(s, "liyaqa_notifications_oldest_pending_age_seconds", "Liyaqa.Notifications")));
    }

    [Fact]
    public async Task Through_an_SMTP_outage_longer_than_the_lease_and_the_retries_mail_waits_without_spending_attempts_and_arrives_once()
    {
        const int count = 6;
        var tenant = await app.ProvisionTenantAsync("smtp-down");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        var recipients = Enumerable.Range(1, count).Select(n => $"member{n}@{tenant.Slug}.test").Append(owner).ToList();

        // Longer than a lease many times over, and than every retry of a refused message (1 + 2 + 4 + 8 s).
        var outage = TimeSpan.FromSeconds(25);
        await app.ExecuteResourceCommandAsync(LiyaqaResources.Mail, KnownResourceCommands.StopCommand);
        // A provider that hangs: the stopped sink's port accepts connections and never answers, as an unreachable
        // server behind a load balancer does, so each attempt outlasts the lease.
        var port = app.App.GetEndpoint(LiyaqaResources.Mail, "tcp").Port;
        using var hungProvider = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        hungProvider.Start();
        try
        {
            await InsertEmailsAsync(tenant, recipients.Take(count));
            await RequestResetAsync(tenant.Slug, owner);
            var down = Stopwatch.StartNew();
            await WaitForAsync(owner, _ => true);
            var ids = (await RowsAsync(tenant.Id)).Select(r => r.MessageId).ToList();

            // Each connection attempt outlasts the lease, so the message changes hands between the replicas meanwhile.
            Assert.NotNull(await app.ApiLogs.WaitForLineAsync(
                line => line.Contains("provider cannot be reached", StringComparison.Ordinal) && ids.Any(id => line.Contains(id, StringComparison.Ordinal)),
                outage));
            await Task.Delay(outage > down.Elapsed ? outage - down.Elapsed : TimeSpan.Zero);
            var waiting = await RowsAsync(tenant.Id);
            Assert.Equal(recipients.Count, waiting.Count);
            Assert.All(waiting, row => Assert.True(row is { Status: "PENDING" or "SENDING", Attempts: 0 }, $"after {outage.TotalSeconds} s of outage: {row}"));
            output.WriteLine($"after {down.Elapsed.TotalSeconds:F0} s without SMTP: {string.Join(", ", waiting.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"))}, 0 attempts spent");
        }
        finally
        {
            hungProvider.Stop();
            await app.ExecuteResourceCommandAsync(LiyaqaResources.Mail, KnownResourceCommands.StartCommand);
        }

        foreach (var recipient in recipients)
        {
            var sent = await WaitForStatusAsync(recipient, "SENT", TimeSpan.FromSeconds(60));
            Assert.Equal(1, sent.Attempts);
            Assert.Single(app.Received(), m => m.MessageId == sent.MessageId);
        }

        Assert.NotNull(await app.ApiLogs.WaitForLineAsync(line => line.Contains("Mail lease of", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task While_Redis_is_down_mail_waits_unsent_without_using_up_attempts_and_goes_out_once_it_is_back()
    {
        var tenant = await app.ProvisionTenantAsync("redis-down");
        var recipient = $"waiting@{tenant.Slug}.test";
        await app.ExecuteResourceCommandAsync(LiyaqaResources.Cache, KnownResourceCommands.StopCommand);
        try
        {
            await using (var sql = await app.OpenAsOwnerAsync())
            {
                await using var insert = new NpgsqlCommand(
                    """
                    INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at)
                    VALUES (@tenant, gen_random_uuid(), 'email', 'redis-test', 'en', @recipient, 'Waits for Redis', 'Sent once', 'PENDING', 0, now(), gen_random_uuid() || '@liyaqa', now())
                    """, sql);
                insert.Parameters.AddWithValue("tenant", tenant.Id);
                insert.Parameters.AddWithValue("recipient", recipient);
                await insert.ExecuteNonQueryAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(8));
            var waiting = await WaitForAsync(recipient, _ => true);
            Assert.True(waiting is { Status: "PENDING" or "SENDING", Attempts: 0 }, $"while Redis is down: {waiting}");
            Assert.DoesNotContain(app.Received(), m => m.To.Mailboxes.Any(to => to.Address == recipient));
        }
        finally
        {
            await app.ExecuteResourceCommandAsync(LiyaqaResources.Cache, KnownResourceCommands.StartCommand);
        }

        var sent = await WaitForStatusAsync(recipient, "SENT", TimeSpan.FromSeconds(60));
        Assert.Equal(1, sent.Attempts);
        Assert.Single(app.Received(), m => m.MessageId == sent.MessageId);
    }

    [Fact]
    public async Task Many_messages_worked_off_by_both_replicas_are_each_delivered_exactly_once_within_the_providers_rate()
    {
        const int count = 300;
        var tenant = await app.ProvisionTenantAsync("bulk");
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at)
                SELECT @tenant, gen_random_uuid(), 'email', 'bulk-test', 'ar', 'member' || n || '@' || @slug || '.test', 'رسالة ' || n, 'مرحباً ' || n,
                       'PENDING', 0, now(), gen_random_uuid() || '@liyaqa', now()
                FROM generate_series(1, @count) AS n
                """, sql);
            insert.Parameters.AddWithValue("tenant", tenant.Id);
            insert.Parameters.AddWithValue("slug", tenant.Slug);
            insert.Parameters.AddWithValue("count", count);
            await insert.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        while (await CountAsync(tenant.Id, "SENT") < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the outbox was not worked off in time");
            await Task.Delay(100);
        }

        output.WriteLine($"{count} messages delivered to the local SMTP server in {clock.Elapsed.TotalSeconds:F1} s: {count / clock.Elapsed.TotalSeconds:F0} messages/s (limit {LiyaqaAppFixture.EmailsPerSecond}/s)");
        var delivered = app.Received().Where(m => m.To.Mailboxes.Single().Address.EndsWith($"@{tenant.Slug}.test", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, delivered.Count);
        Assert.Equal(count, delivered.Select(m => m.MessageId).Distinct().Count());

        // Both replicas together keep to the provider's rate (a little slack for second boundaries),
        // and waiting for a slot is not a failed attempt.
        await using var check = await app.OpenAsOwnerAsync();
        var busiestSecond = (await check.QueryAsync(
            $"SELECT max(n) FROM (SELECT count(*) AS n FROM notification_queue WHERE tenant_id = '{tenant.Id}' GROUP BY date_trunc('second', sent_at)) s",
            r => r.GetInt64(0))).Single();
        Assert.InRange(busiestSecond, 1, LiyaqaAppFixture.EmailsPerSecond * 6 / 5);
        var retried = (await check.QueryAsync($"SELECT count(*) FROM notification_queue WHERE tenant_id = '{tenant.Id}' AND attempts <> 1", r => r.GetInt64(0))).Single();
        Assert.Equal(0, retried);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_DEAD_after_the_last_attempt()
    {
        var tenant = await app.ProvisionTenantAsync("dead");
        var recipient = $"not an address at {tenant.Slug}";
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at)
                VALUES (@tenant, gen_random_uuid(), 'email', 'dead-test', 'en', @recipient, 'Undeliverable', 'Never arrives', 'PENDING', 0, now(), gen_random_uuid() || '@liyaqa', now())
                """, sql);
            insert.Parameters.AddWithValue("tenant", tenant.Id);
            insert.Parameters.AddWithValue("recipient", recipient);
            await insert.ExecuteNonQueryAsync();
        }

        var dead = await WaitForStatusAsync(recipient, "DEAD", TimeSpan.FromSeconds(60));

        Assert.Equal(LiyaqaAppFixture.MaxMailAttempts, dead.Attempts);
        Assert.False(string.IsNullOrEmpty(dead.LastError));
    }

    [Fact]
    public async Task A_text_message_in_Arabic_reaches_the_SMS_provider_once_even_after_a_provider_error()
    {
        var tenant = await app.ProvisionTenantAsync("sms");
        var phone = $"+9665{Random.Shared.Next(10_000_000, 99_999_999)}";
        const string text = "تم تأكيد حجزك في حصة اليوغا الساعة ٦ مساءً";
        app.SmsProvider.FailOnceFor(phone);
        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at)
                VALUES (@tenant, gen_random_uuid(), 'sms', 'booking-confirmed', 'ar', @phone, NULL, @text, 'PENDING', 0, now(), gen_random_uuid() || '@liyaqa', now())
                """, sql);
            insert.Parameters.AddWithValue("tenant", tenant.Id);
            insert.Parameters.AddWithValue("phone", phone);
            insert.Parameters.AddWithValue("text", text);
            await insert.ExecuteNonQueryAsync();
        }

        var sent = await WaitForStatusAsync(phone, "SENT");

        var requests = app.SmsProvider.Requests.Where(r => r.Body.GetProperty("to").GetString() == phone).ToList();
        Assert.Equal([503, 202], requests.Select(r => r.Status));
        Assert.Equal(2, sent.Attempts);
        var accepted = requests[1];
        Assert.Equal($"Bearer {SmsProviderStub.ApiKey}", accepted.Authorization);
        Assert.Equal(text, accepted.Body.GetProperty("text").GetString());
        Assert.Equal(sent.MessageId, accepted.Body.GetProperty("reference").GetString());
    }

    private sealed record QueueRow(string Status, int Attempts, string? LastError, string MessageId);

    private Task<HttpResponseMessage> RequestResetAsync(string tenantSlug, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add("X-Tenant-Id", tenantSlug);
        return app.Api.SendAsync(request);
    }

    private Task<QueueRow> WaitForStatusAsync(string recipient, string status, TimeSpan? patience = null) =>
        WaitForAsync(recipient, r => r.Status == status, patience);

    private async Task<QueueRow> WaitForAsync(string recipient, Func<QueueRow, bool> condition, TimeSpan? patience = null)
    {
        var limit = patience ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var sql = await app.OpenAsOwnerAsync();
            var rows = await sql.QueryAsync(
                $"SELECT status, attempts, last_error, message_id FROM notification_queue WHERE recipient = '{recipient}'",
                r => new QueueRow(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));
            if (rows.Count == 1 && condition(rows[0]))
            {
                return rows[0];
            }

            Assert.True(clock.Elapsed < limit, $"the message to {recipient} did not reach the expected state in {limit.TotalSeconds} s (now: {string.Join(", ", rows)})");
            await Task.Delay(200);
        }
    }

    private async Task InsertEmailsAsync(TenantInfo tenant, IEnumerable<string> recipients)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO notification_queue (tenant_id, id, channel, template_key, language, recipient, subject, body, status, attempts, next_attempt_at, message_id, created_at)
            SELECT @tenant, gen_random_uuid(), 'email', 'outage-test', 'en', r, 'Waits for SMTP', 'Sent once', 'PENDING', 0, now(), gen_random_uuid() || '@liyaqa', now()
            FROM unnest(@recipients) AS r
            """, sql);
        insert.Parameters.AddWithValue("tenant", tenant.Id);
        insert.Parameters.AddWithValue("recipients", recipients.ToArray());
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<List<QueueRow>> RowsAsync(Guid tenantId)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        return await sql.QueryAsync(
            $"SELECT status, attempts, last_error, message_id FROM notification_queue WHERE tenant_id = '{tenantId}'",
            r => new QueueRow(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));
    }

    private async Task<long> CountAsync(Guid tenantId, string status)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        return (await sql.QueryAsync($"SELECT count(*) FROM notification_queue WHERE tenant_id = '{tenantId}' AND status = '{status}'", r => r.GetInt64(0))).Single();
    }
}
