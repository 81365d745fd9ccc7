using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Notifications;

/// <summary>
/// A message in the outbox (<c>notification_queue</c>), written in the same transaction as the change
/// that causes it, so it is sent if and only if that change is committed. A dispatcher delivers it.
/// </summary>
public sealed class Notification : Entity, ITenantOwned
{
    private Notification()
    {
    }

    public Guid TenantId { get; private set; }

    public NotificationChannel Channel { get; private set; }

    /// <summary>Which template produced it, e.g. <c>password-reset</c>.</summary>
    public string TemplateKey { get; private set; } = string.Empty;

    /// <summary><c>ar</c> or <c>en</c>.</summary>
    public string Language { get; private set; } = "en";

    /// <summary>An email address or an E.164 phone number.</summary>
    public string Recipient { get; private set; } = string.Empty;

    public string? Subject { get; private set; }

    public string Body { get; private set; } = string.Empty;

    public NotificationStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Unique id of the message, given to the mail server so a retry is recognisable.</summary>
    public string MessageId { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public static Notification Email(Guid tenantId, string templateKey, string language, string recipient, string subject, string body, DateTimeOffset now) =>
        New(tenantId, NotificationChannel.Email, templateKey, language, recipient, subject, body, now);

    /// <summary>A text message to an E.164 number (callers normalise numbers with <see cref="PhoneNumbers"/>).</summary>
    public static Notification Sms(Guid tenantId, string templateKey, string language, string phone, string text, DateTimeOffset now) =>
        PhoneNumbers.IsE164(phone)
            ? New(tenantId, NotificationChannel.Sms, templateKey, language, phone, null, text, now)
            : throw new ArgumentException($"'{phone}' is not an E.164 phone number.", nameof(phone));

    private static Notification New(Guid tenantId, NotificationChannel channel, string templateKey, string language, string recipient, string? subject, string body, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new Notification
        {
            Id = id,
            TenantId = tenantId,
            Channel = channel,
            TemplateKey = templateKey,
            Language = language,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
            MessageId = $"{id:N}@liyaqa",
            CreatedAt = now,
        };
    }
}
