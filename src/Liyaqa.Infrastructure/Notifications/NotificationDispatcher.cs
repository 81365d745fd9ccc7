using System.Diagnostics.Metrics;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.RateLimiting;
using Liyaqa.ServiceDefaults;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Notifications;

/// <summary>
/// Works off <c>notification_queue</c> on every API instance: email over SMTP, text messages through the SMS gateway. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so instances never take the same message, and leased: marked SENDING with
/// <c>next_attempt_at</c> as the lease's end. The lease is renewed just before each message goes to the provider, and a
/// message is sent only while its instance still holds it; a lease that runs out (an instance stuck or gone) puts the
/// message back in the queue without spending an attempt. Accepted → SENT with its time. Only a refusal by the
/// provider (or a message it can never take) spends an attempt: back to PENDING with an exponential, jittered delay,
/// or DEAD after the last one. A provider that cannot be reached spends none: its messages wait <c>RetryBaseDelay</c>.
/// Delivery keeps to a per-channel rate shared through Redis.
/// The dispatcher reads across clubs through the <c>liyaqa_dispatcher</c> role, whose only row-level
/// policy opens <c>notification_queue</c>.
/// </summary>
public sealed class NotificationDispatcher(
    LiyaqaConnectionStrings connectionStrings, SmtpMailer mailer, SmsGateway sms, Jobs.MaintenancePause maintenance, RateLimiting.RedisRateLimiter limiter, DispatchOptions options, TimeProvider clock, ILogger<NotificationDispatcher> logger)
    : BackgroundService
{
    public const string DispatcherRole = "liyaqa_dispatcher";

    private static readonly Meter Meter = new("Liyaqa.Notifications");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("liyaqa.notifications.sent", description: "Messages the mail server accepted");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("liyaqa.notifications.failed", description: "Failed delivery attempts");

    /// <summary>How often the queue is counted and the maintenance pause looked up.</summary>
    private static readonly TimeSpan QueueStatsEvery = TimeSpan.FromSeconds(2);

    private volatile QueueStats _stats = new(new Dictionary<string, long>(), 0);
    private DateTimeOffset _statsTakenAt = DateTimeOffset.MinValue;
    private bool _paused;

    /// <summary>A leased message: <paramref name="Lease"/> is the lease's end as stored, which also identifies the holder.</summary>
    private sealed record Claimed(Guid TenantId, Guid Id, string Channel, OutgoingMessage Message, int Attempts, DateTime Lease);

    /// <summary>The queue as last counted: messages per status, and how long the oldest pending one has waited.</summary>
    private sealed record QueueStats(IReadOnlyDictionary<string, long> Depth, double OldestPendingAgeSeconds);

    /// <summary>Both channels at zero from the start, for the NotificationFailure alert's rate().</summary>
    public static void PublishAtZero()
    {
        Sent.AtZero("channel", "email", "sms");
        Failed.AtZero("channel", "email", "sms");
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Meter.CreateObservableGauge("liyaqa.notifications.queue.depth", () => _stats.Depth.Select(d =>
            new Measurement<long>(d.Value, new KeyValuePair<string, object?>("status", d.Key))), description: "Messages in notification_queue by status");
        Meter.CreateObservableGauge("liyaqa.notifications.oldest_pending_age", () => _stats.OldestPendingAgeSeconds, unit: "s",
            description: "How long the oldest pending message has waited");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionStrings.Application);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() - _statsTakenAt > QueueStatsEvery)
                {
                    _stats = await CountQueueAsync(dataSource, stoppingToken);
                    _paused = await maintenance.IsPausedAsync(stoppingToken);
                    _statsTakenAt = clock.GetUtcNow();
                }

                // During a maintenance pause mail waits in the outbox.
                if (_paused || await DispatchOnceAsync(dataSource, stoppingToken) == 0)
                {
                    await Task.Delay(options.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or RedisException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Mail dispatch round failed; retrying");
                await Task.Delay(options.PollInterval * 5, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch and tries to deliver it; returns how many messages were claimed.</summary>
    private async Task<int> DispatchOnceAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var batch = await ClaimAsync(dataSource, ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        SmtpClient? client = null;
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var claimed in batch)
            {
                var message = claimed;
                if (unreachable.Contains(message.Channel))
                {
                    await WaitForProviderAsync(dataSource, message, error: null, ct);
                    continue;
                }

                // The provider's rate, shared by all instances: over it, the message waits its turn (not a failed attempt).
                var perSecond = message.Channel == "sms" ? options.SmsPerSecond : options.EmailsPerSecond;
                RateLimitDecision slot;
                try
                {
                    slot = await limiter.HitAsync($"deliver:{message.Channel}:{clock.GetUtcNow().ToUnixTimeSeconds()}", perSecond, TimeSpan.FromSeconds(2));
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Without Redis the shared rate cannot be kept: the rest of the batch waits, unsent and without a failed attempt.
                    logger.LogWarning(ex, "Mail dispatch waits: the rate limiter (Redis) is unavailable");
                    foreach (var unsent in batch.SkipWhile(m => m != claimed))
                    {
                        await RecordAsync(dataSource, unsent, "status = 'PENDING', next_attempt_at = now() + interval '5 seconds'", ct);
                    }

                    break;
                }

                if (!slot.Allowed)
                {
                    await RecordAsync(dataSource, message, "status = 'PENDING', next_attempt_at = date_trunc('second', now()) + interval '1 second'", ct);
                    continue;
                }

                try
                {
                    if (message.Channel != "sms")
                    {
                        client ??= await mailer.ConnectAsync(ct);
                    }

                    // Renewed once the provider answers, right before the message goes out: sent only while still ours.
                    if (await RenewLeaseAsync(dataSource, message, ct) is not { } renewed)
                    {
                        logger.LogWarning("Mail {MessageId}: its lease ran out and another instance took it over; not sent here", message.Message.MessageId);
                        continue;
                    }

                    message = renewed;
                    if (message.Channel == "sms")
                    {
                        await sms.SendAsync(message.Message.Recipient, message.Message.Body, message.Message.MessageId, ct);
                    }
                    else
                    {
                        await mailer.SendAsync(client!, message.Message, ct);
                    }
                }
                catch (Exception ex) when (ex is not NpgsqlException && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
                {
                    if (message.Channel != "sms")
                    {
                        client?.Dispose();
                        client = null;
                    }

                    Failed.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
                    if (IsRefusal(ex))
                    {
                        await RecordRefusalAsync(dataSource, message, ex, ct);
                    }
                    else
                    {
                        unreachable.Add(message.Channel);
                        await WaitForProviderAsync(dataSource, message, ex, ct);
                    }

                    continue;
                }

                // Accepted by the provider: SENT whoever holds the lease now, so an instance that took it over does not send it again.
                await RecordAsync(dataSource, message, "status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = NULL", ct, leased: false);
                Sent.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
            }
        }
        finally
        {
            if (client is not null)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
                client.Dispose();
            }
        }

        return batch.Count;
    }

    private Task<List<Claimed>> ClaimAsync(NpgsqlDataSource dataSource, CancellationToken ct) => AsDispatcherAsync(dataSource, async connection =>
    {
        // Due messages, and those whose lease ran out: their instance stopped or got stuck before the provider took them.
        var due = new List<(Guid TenantId, Guid Id, string Channel, OutgoingMessage Message, int Attempts, bool Expired)>();
        await using (var select = new NpgsqlCommand(
            """
            SELECT n.tenant_id, n.id, n.channel, n.message_id, t.name, n.recipient, coalesce(n.subject, ''), n.body, n.attempts, n.status = 'SENDING'
            FROM notification_queue n JOIN tenants t ON t.id = n.tenant_id
            WHERE n.status IN ('PENDING', 'SENDING') AND n.next_attempt_at <= now()
            ORDER BY n.next_attempt_at
            LIMIT @batch
            FOR UPDATE OF n SKIP LOCKED
            """, connection))
        {
            select.Parameters.AddWithValue("batch", options.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                due.Add((
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
                    new OutgoingMessage(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)),
                    reader.GetInt32(8) + 1, reader.GetBoolean(9)));
            }
        }

        if (due.Count == 0)
        {
            return [];
        }

        if (due.Count(d => d.Expired) is > 0 and var expired)
        {
            logger.LogWarning("Mail lease of {Count} message(s) ran out before delivery; they are taken up again", expired);
        }

        // By the whole key, (club, id): by id alone the update would read the whole queue.
        await using var lease = new NpgsqlCommand(
            """
            UPDATE notification_queue SET status = 'SENDING', next_attempt_at = now() + @lease
            WHERE (tenant_id, id) IN (SELECT * FROM unnest(@tenants, @ids)) RETURNING id, next_attempt_at
            """, connection);
        lease.Parameters.AddWithValue("lease", options.Lease);
        lease.Parameters.AddWithValue("tenants", due.Select(d => d.TenantId).ToArray());
        lease.Parameters.AddWithValue("ids", due.Select(d => d.Id).ToArray());
        var leases = new Dictionary<Guid, DateTime>();
        await using (var reader = await lease.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                leases[reader.GetGuid(0)] = reader.GetDateTime(1);
            }
        }

        return due.Select(d => new Claimed(d.TenantId, d.Id, d.Channel, d.Message, d.Attempts, leases[d.Id])).ToList();
    }, ct);

    /// <summary>Extends the lease if this instance still holds it; null when another instance has taken the message over.</summary>
    private Task<Claimed?> RenewLeaseAsync(NpgsqlDataSource dataSource, Claimed message, CancellationToken ct) => AsDispatcherAsync(dataSource, async connection =>
    {
        await using var renew = new NpgsqlCommand(
            """
            UPDATE notification_queue SET next_attempt_at = now() + @duration
            WHERE tenant_id = @tenant AND id = @id AND status = 'SENDING' AND next_attempt_at = @lease
            RETURNING next_attempt_at
            """, connection);
        renew.Parameters.AddWithValue("duration", options.Lease);
        renew.Parameters.AddWithValue("tenant", message.TenantId);
        renew.Parameters.AddWithValue("id", message.Id);
        renew.Parameters.AddWithValue("lease", message.Lease);
        return await renew.ExecuteScalarAsync(ct) is DateTime until ? message with { Lease = until } : null;
    }, ct);

    private static Task<QueueStats> CountQueueAsync(NpgsqlDataSource dataSource, CancellationToken ct) => AsDispatcherAsync(dataSource, async connection =>
    {
        await using var count = new NpgsqlCommand(
            """
            SELECT s.status, count(n.id), coalesce(extract(epoch FROM now() - min(n.created_at)), 0)
            FROM unnest(ARRAY['PENDING', 'SENDING', 'SENT', 'DEAD']) AS s(status)
            LEFT JOIN notification_queue n ON n.status = s.status
            GROUP BY s.status
            """, connection);
        var depth = new Dictionary<string, long>();
        double oldestPending = 0;
        await using (var reader = await count.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                depth[reader.GetString(0)] = reader.GetInt64(1);
                if (reader.GetString(0) == "PENDING")
                {
                    oldestPending = (double)reader.GetDecimal(2);
                }
            }
        }

        return new QueueStats(depth, oldestPending);
    }, ct);

    /// <summary>
    /// Whether the provider answered and refused this message (an SMTP error reply, an HTTP error status), or the
    /// message can never be sent as it is (an address that does not parse): only these spend an attempt. A connection
    /// refused, reset or timed out says nothing about the message.
    /// </summary>
    private static bool IsRefusal(Exception error) =>
        error is SmtpCommandException or MimeKit.ParseException or HttpRequestException { StatusCode: not null };

    private async Task RecordRefusalAsync(NpgsqlDataSource dataSource, Claimed message, Exception error, CancellationToken ct)
    {
        var dead = message.Attempts >= options.MaxAttempts;
        var delay = options.RetryBaseDelay * Math.Pow(2, message.Attempts - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        logger.LogWarning("Mail {MessageId} to {Recipient} refused (attempt {Attempt} of {Max}{Dead}): {Error}",
            message.Message.MessageId, PersonalData.Mask(message.Message.Recipient), message.Attempts, options.MaxAttempts, dead ? ", now DEAD" : string.Empty, error.Message);
        await RecordAsync(
            dataSource,
            message,
            dead ? "status = 'DEAD', attempts = attempts + 1, last_error = @error" : "status = 'PENDING', attempts = attempts + 1, last_error = @error, next_attempt_at = now() + @delay",
            ct,
            parameters: [("error", Truncated(error.Message)), ("delay", delay)]);
    }

    /// <summary>The provider could not be reached: the message waits for it without spending an attempt.</summary>
    private async Task WaitForProviderAsync(NpgsqlDataSource dataSource, Claimed message, Exception? error, CancellationToken ct)
    {
        if (error is not null)
        {
            logger.LogWarning("Mail {MessageId} to {Recipient} waits: the {Channel} provider cannot be reached ({Error})",
                message.Message.MessageId, PersonalData.Mask(message.Message.Recipient), message.Channel, error.Message);
        }

        await RecordAsync(
            dataSource,
            message,
            error is null ? "status = 'PENDING', next_attempt_at = now() + @delay" : "status = 'PENDING', last_error = @error, next_attempt_at = now() + @delay",
            ct,
            parameters: [("error", Truncated(error?.Message ?? string.Empty)), ("delay", options.RetryBaseDelay)]);
    }

    private static string Truncated(string error) => error.Length > 2000 ? error[..2000] : error;

    /// <summary>Updates one message; unless <paramref name="leased"/> is false, only while this instance still holds its lease.</summary>
    private static Task<int> RecordAsync(NpgsqlDataSource dataSource, Claimed message, string assignments, CancellationToken ct, bool leased = true, params (string Name, object Value)[] parameters) =>
        AsDispatcherAsync(dataSource, async connection =>
    {
        var held = leased ? " AND status = 'SENDING' AND next_attempt_at = @lease" : string.Empty;
        await using var update = new NpgsqlCommand($"UPDATE notification_queue SET {assignments} WHERE tenant_id = @tenant AND id = @id{held}", connection);
        update.Parameters.AddWithValue("tenant", message.TenantId);
        update.Parameters.AddWithValue("id", message.Id);
        if (leased)
        {
            update.Parameters.AddWithValue("lease", message.Lease);
        }

        foreach (var (name, value) in parameters)
        {
            update.Parameters.AddWithValue(name, value);
        }

        return await update.ExecuteNonQueryAsync(ct);
    }, ct);

    /// <summary>Runs <paramref name="work"/> in one transaction as the dispatcher role, which sees every club's queue.</summary>
    private static async Task<T> AsDispatcherAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var role = new NpgsqlCommand($"SET LOCAL ROLE {DispatcherRole}", connection))
        {
            await role.ExecuteNonQueryAsync(ct);
        }

        var result = await work(connection);
        await transaction.CommitAsync(ct);
        return result;
    }
}
