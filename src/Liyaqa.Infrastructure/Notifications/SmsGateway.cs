using System.Net.Http.Headers;
using System.Net.Http.Json;
using Liyaqa.Domain.Common;
using Microsoft.Extensions.Logging;

namespace Liyaqa.Infrastructure.Notifications;

/// <summary>The SMS provider's HTTP API (section <c>Sms</c>): where to post, the key, the sender name.</summary>
public sealed class SmsOptions
{
    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The registered sender name shown on the phone.</summary>
    public string Sender { get; set; } = "Liyaqa";
}

/// <summary>
/// Sends a text message through the provider's HTTP API: a JSON POST of recipient (E.164), sender, text
/// (UTF-8, Arabic included) and our message id as the idempotency reference, with the key as bearer token.
/// Any answer but 2xx is a failure the dispatcher retries.
/// </summary>
public sealed class SmsGateway(HttpClient http, SmsOptions options, ILogger<SmsGateway> logger)
{
    public async Task SendAsync(string recipient, string text, string messageId, CancellationToken ct)
    {
        if (options.Endpoint is null)
        {
            throw new InvalidOperationException("Sms:Endpoint is not set; text messages cannot be sent.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = JsonContent.Create(new { to = recipient, from = options.Sender, text, reference = messageId }),
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The SMS provider answered {(int)response.StatusCode} {response.ReasonPhrase}.", inner: null, response.StatusCode);
        }

        logger.LogInformation("SMS {MessageId} sent to {Recipient}", messageId, PersonalData.Mask(recipient));
    }
}
