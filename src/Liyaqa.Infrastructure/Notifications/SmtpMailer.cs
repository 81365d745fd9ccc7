using Liyaqa.Domain.Common;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Liyaqa.Infrastructure.Notifications;

/// <summary>A message of the outbox, ready to send (subject and sender name are for email).</summary>
public sealed record OutgoingMessage(string MessageId, string FromName, string Recipient, string Subject, string Body);

/// <summary>
/// Sends email over SMTP with MailKit: STARTTLS when the server offers it (port 587), login when a user
/// name is configured, UTF-8 plain text with an HTML alternative, and the outbox's Message-Id.
/// </summary>
public sealed class SmtpMailer(SmtpOptions options, ILogger<SmtpMailer> logger)
{
    /// <summary>One connection for a batch of messages.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("SMTP_HOST is not set; mail cannot be sent.");
        }

        var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task SendAsync(SmtpClient client, OutgoingMessage email, CancellationToken ct)
    {
        var message = new MimeMessage { MessageId = email.MessageId, Subject = email.Subject };
        message.From.Add(new MailboxAddress(email.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.Recipient));
        message.Body = new BodyBuilder
        {
            TextBody = email.Body,
            HtmlBody = $"<div dir=\"auto\">{System.Net.WebUtility.HtmlEncode(email.Body).Replace("\n", "<br>", StringComparison.Ordinal)}</div>",
        }.ToMessageBody();
        await client.SendAsync(message, ct);
        logger.LogInformation("Mail {MessageId} sent to {Recipient}", email.MessageId, PersonalData.Mask(email.Recipient));
    }
}
