using System.Diagnostics.Metrics;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.RateLimiting;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Liyaqa.Infrastructure.Notifications;

/// <summary>
/// Works off <c>notification_queue</c> on every API instance: email over SMTP, text messages through the SMS gateway. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so instances never take the same message, and marked SENDING (with the
/// claim time) before the SMTP conversation; SENT with its time after the server accepted it. A failure
/// puts the message back as PENDING with an exponential, jittered delay, or DEAD after the last attempt.
/// Delivery keeps to a per-channel rate shared through Redis. A message found still SENDING long after its claim was interrupted mid-send: the server may have
/// accepted it, so it is marked DEAD for an operator rather than sent a second time.
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

    private sealed record Claimed(Guid TenantId, Guid Id, string Channel, OutgoingMessage Message, int Attempts);

    /// <summary>The queue as last counted: messages per status, and how long the oldest pending one has waited.</summary>
    private sealed record QueueStats(IReadOnlyDictionary<string, long> Depth, double OldestPendingAgeSeconds);

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
        try
        {
            foreach (var message in batch)
            {
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
                    foreach (var unsent in batch.SkipWhile(m => m != message))
                    {
                        await RecordAsync(dataSource, unsent, "status = 'PENDING', attempts = attempts - 1, next_attempt_at = now() + interval '5 seconds'", ct);
                    }

                    break;
                }

                if (!slot.Allowed)
                {
                    await RecordAsync(dataSource, message, "status = 'PENDING', attempts = attempts - 1, next_attempt_at = date_trunc('second', now()) + interval '1 second'", ct);
                    continue;
                }

                try
                {
                    if (message.Channel == "sms")
                    {
                        await sms.SendAsync(message.Message.Recipient, message.Message.Body, message.Message.MessageId, ct);
                    }
                    else
                    {
                        client ??= await mailer.ConnectAsync(ct);
                        await mailer.SendAsync(client, message.Message, ct);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (message.Channel != "sms")
                    {
                        client?.Dispose();
                        client = null;
                    }

                    await RecordFailureAsync(dataSource, message, ex, ct);
                    continue;
                }

                // Accepted by the server. Should this write fail, the row stays SENDING and is never re-sent.
                await RecordAsync(dataSource, message, "status = 'SENT', sent_at = now(), last_error = NULL", ct);
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
        await using (var interrupted = new NpgsqlCommand(
            """
            UPDATE notification_queue
            SET status = 'DEAD', last_error = 'Interrupted mid-send; the server may have accepted it, so it is not sent again.'
            WHERE status = 'SENDING' AND next_attempt_at < now() - @after
            """, connection))
        {
            interrupted.Parameters.AddWithValue("after", options.InterruptedAfter);
            if (await interrupted.ExecuteNonQueryAsync(ct) is > 0 and var count)
            {
                logger.LogError("Mail delivery of {Count} message(s) was interrupted mid-send; marked DEAD", count);
            }
        }

        var claimed = new List<Claimed>();
        await using (var select = new NpgsqlCommand(
            """
            SELECT n.tenant_id, n.id, n.channel, n.message_id, t.name, n.recipient, coalesce(n.subject, ''), n.body, n.attempts
            FROM notification_queue n JOIN tenants t ON t.id = n.tenant_id
            WHERE n.status = 'PENDING' AND n.next_attempt_at <= now()
            ORDER BY n.next_attempt_at
            LIMIT @batch
            FOR UPDATE OF n SKIP LOCKED
            """, connection))
        {
            select.Parameters.AddWithValue("batch", options.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                claimed.Add(new Claimed(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
                    new OutgoingMessage(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)),
                    reader.GetInt32(8) + 1));
            }
        }

        if (claimed.Count > 0)
        {
            await using var mark = new NpgsqlCommand(
                "UPDATE notification_queue SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = now() WHERE id = ANY(@ids)", connection);
            mark.Parameters.AddWithValue("ids", claimed.Select(c => c.Id).ToArray());
            await mark.ExecuteNonQueryAsync(ct);
        }

        return claimed;
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

    private async Task RecordFailureAsync(NpgsqlDataSource dataSource, Claimed message, Exception error, CancellationToken ct)
    {
        Failed.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
        var dead = message.Attempts >= options.MaxAttempts;
        var delay = options.RetryBaseDelay * Math.Pow(2, message.Attempts - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        logger.LogWarning("Mail {MessageId} to {Recipient} failed (attempt {Attempt} of {Max}{Dead}): {Error}",
            message.Message.MessageId, PersonalData.Mask(message.Message.Recipient), message.Attempts, options.MaxAttempts, dead ? ", now DEAD" : string.Empty, error.Message);
        await RecordAsync(
            dataSource,
            message,
            dead ? "status = 'DEAD', last_error = @error" : "status = 'PENDING', last_error = @error, next_attempt_at = now() + @delay",
            ct,
            ("error", error.Message.Length > 2000 ? error.Message[..2000] : error.Message),
            ("delay", delay));
    }

    private static Task<int> RecordAsync(NpgsqlDataSource dataSource, Claimed message, string assignments, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        AsDispatcherAsync(dataSource, async connection =>
    {
        await using var update = new NpgsqlCommand($"UPDATE notification_queue SET {assignments} WHERE tenant_id = @tenant AND id = @id", connection);
        update.Parameters.AddWithValue("tenant", message.TenantId);
        update.Parameters.AddWithValue("id", message.Id);
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
