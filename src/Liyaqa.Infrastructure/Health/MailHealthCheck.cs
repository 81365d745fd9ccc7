using Liyaqa.Infrastructure.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liyaqa.Infrastructure.Health;

/// <summary>The SMTP server accepts a connection (and login). Mail waits in the outbox while it does not, so this degrades rather than fails.</summary>
internal sealed class MailHealthCheck(SmtpMailer mailer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = await mailer.ConnectAsync(cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return HealthCheckResult.Healthy("The SMTP server answers.");
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or InvalidOperationException or MailKit.Security.AuthenticationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The SMTP server does not answer; mail waits in the outbox.", ex);
        }
    }
}
