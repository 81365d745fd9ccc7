using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Infrastructure.Notifications;

/// <summary>The SMTP server (<c>SMTP_HOST</c>, <c>SMTP_PORT</c>, <c>SMTP_USERNAME</c>, <c>SMTP_PASSWORD</c>) and the sender address.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The address mail comes from; the display name is the club's.</summary>
    public string FromAddress { get; set; } = "no-reply@liyaqa.app";
}

/// <summary>How the outbox is worked off (section <c>Notifications</c>).</summary>
public sealed class DispatchOptions
{
    public const string Section = "Notifications";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>After this many failed attempts a message is DEAD.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with each further one (with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Emails sent per second across all instances (the mail provider's limit).</summary>
    [Range(1, 10_000)]
    public int EmailsPerSecond { get; set; } = 20;

    /// <summary>Text messages sent per second across all instances (the SMS provider's limit).</summary>
    [Range(1, 10_000)]
    public int SmsPerSecond { get; set; } = 5;

    /// <summary>
    /// How long an instance holds a claimed message (renewed right before it is sent); when it runs out, another
    /// instance takes the message up again, without spending an attempt.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
