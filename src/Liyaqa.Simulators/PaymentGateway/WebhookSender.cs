using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Liyaqa.Simulators.PaymentGateway;

/// <summary>
/// Delivers webhooks in the background, signed, and retries one the merchant did not take (an error or no
/// answer) after 1, 2, 4 … 32 s, as gateways do.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory http, IOptions<GatewaySimulatorOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string SignatureHeader = "X-Gateway-Signature";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<(Uri Url, WebhookEvent Event)> _queue = Channel.CreateUnbounded<(Uri, WebhookEvent)>();

    public void Send(string? callbackUrl, WebhookEvent webhook)
    {
        if (Uri.TryCreate(callbackUrl, UriKind.Absolute, out var url))
        {
            _queue.Writer.TryWrite((url, webhook));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (url, webhook) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _ = DeliverAsync(url, webhook, stoppingToken);
        }
    }

    private async Task DeliverAsync(Uri url, WebhookEvent webhook, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(webhook, Json);
        for (var attempt = 0; attempt < 7; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), clock, ct);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(SignatureHeader, SimulatedGateway.Sign(options.Value.WebhookSecret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
                using var response = await http.CreateClient(nameof(WebhookSender)).SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Webhook {Event} {Type} for {Charge} delivered to {Url}", webhook.Id, webhook.Type, webhook.Data.Id, url);
                    return;
                }

                logger.LogWarning("Webhook {Event} for {Charge} answered {Status}; retrying", webhook.Id, webhook.Data.Id, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Webhook {Event} for {Charge} not delivered ({Error}); retrying", webhook.Id, webhook.Data.Id, ex.Message);
            }
        }

        logger.LogError("Webhook {Event} for {Charge} given up after 7 attempts", webhook.Id, webhook.Data.Id);
    }
}
