using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;

namespace Liyaqa.Api.Features.Billing.Gateway;

/// <summary>
/// The adapter for Liyaqa's gateway simulator (<c>src/Liyaqa.Simulators</c>), whose REST API is shaped like the Saudi
/// gateways': amounts in halalas, a secret key, an <c>Idempotency-Key</c> per charge, and webhooks signed
/// <c>t=…,v1=HMAC-SHA256(secret, "t.body")</c>. A provider's adapter looks like this one with its own wire format.
/// </summary>
public sealed class SimulatorGateway(HttpClient http, PaymentGatewayOptions options, TimeProvider clock) : IPaymentGateway
{
    public const string Name = "simulator";
    public const string SignatureHeader = "X-Gateway-Signature";
    private static readonly TimeSpan SignatureTolerance = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Provider => Name;

    public async Task<CardDetails?> DescribeCardAsync(string token, CancellationToken ct)
    {
        try
        {
            var card = await SendAsync<SimulatorToken>(Authorized(HttpMethod.Get, $"v1/tokens/{Uri.EscapeDataString(token)}"), "token", ct);
            return new CardDetails(card.Id, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear);
        }
        catch (HttpRequestException unknown) when (unknown.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<GatewayOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken ct)
    {
        var message = Authorized(HttpMethod.Post, "v1/charges");
        message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        message.Content = JsonContent.Create(new
        {
            amount = (long)(request.Amount * 100),
            currency = request.Currency,
            source = new { token = request.CardToken },
            description = request.Description,
            metadata = new Dictionary<string, string> { ["tenantId"] = request.TenantId.ToString(), ["chargeId"] = request.ChargeId.ToString() },
            callbackUrl = options.CallbackBaseUrl is { } callback ? new Uri(callback, PaymentGatewayOptions.WebhookPath).ToString() : null,
        }, options: Json);

        var charge = await SendAsync<SimulatorCharge>(message, "charge", ct);
        return charge.Outcome();
    }

    public async Task<string> RefundAsync(string chargeReference, decimal amount, string idempotencyKey, CancellationToken ct)
    {
        var message = Authorized(HttpMethod.Post, $"v1/charges/{Uri.EscapeDataString(chargeReference)}/refunds");
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        message.Content = JsonContent.Create(new { amount = (long)(amount * 100) }, options: Json);
        return (await SendAsync<SimulatorRefund>(message, "refund", ct)).Id;
    }

    /// <summary>
    /// Sends within the charge timeout. No answer, or a 5xx (the gateway failed mid-way: asking again with the key
    /// tells what happened), is a <see cref="GatewayTimeoutException"/>; a 400/409/422 is the gateway's refusal.
    /// </summary>
    private async Task<T> SendAsync<T>(HttpRequestMessage message, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.ChargeTimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, deadline.Token);
        }
        catch (OperationCanceledException timeout) when (!ct.IsCancellationRequested)
        {
            throw new GatewayTimeoutException($"The gateway did not answer within {options.ChargeTimeoutSeconds} s.", timeout);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                throw new GatewayTimeoutException($"The gateway answered {(int)response.StatusCode}.");
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                throw new DomainRuleException("idempotency-key-reused", $"The payment gateway already had this {what}'s key for another request.");
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                var error = await response.Content.ReadFromJsonAsync<SimulatorError>(Json, ct);
                throw new DomainRuleException("gateway-refused", $"The payment gateway refused the {what}: {error?.Message ?? response.ReasonPhrase}");
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new InvalidOperationException($"The gateway sent no {what}.");
        }
    }

    public GatewayWebhook? ReadWebhook(string body, IHeaderDictionary headers)
    {
        var signature = headers[SignatureHeader].ToString().Split(',').Select(part => part.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        if (!signature.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            || !signature.TryGetValue("v1", out var given) || given.Length != 64
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, 0, 253_402_300_799))).Duration() > SignatureTolerance)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Simulator.WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(given.All(char.IsAsciiHexDigit) ? given : new string('0', 64))))
        {
            return null;
        }

        var webhook = JsonSerializer.Deserialize<SimulatorWebhook>(body, Json);
        return webhook?.Data is { } charge && Guid.TryParse(charge.Metadata.GetValueOrDefault("tenantId"), out var tenantId)
            && Guid.TryParse(charge.Metadata.GetValueOrDefault("chargeId"), out var chargeId)
            ? new GatewayWebhook(tenantId, chargeId, charge.Outcome())
            : null;
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Simulator.SecretKey);
        return message;
    }

    private sealed record SimulatorToken(string Id, string Brand, string Last4, int ExpiryMonth, int ExpiryYear);

    private sealed record SimulatorError(string Type, string Message);

    private sealed record SimulatorFailure(string Code, string Message);

    private sealed record SimulatorCharge(string Id, string Status, Dictionary<string, string> Metadata, SimulatorFailure? Failure)
    {
        public GatewayOutcome Outcome() => Status switch
        {
            "paid" => new GatewayOutcome(Id, GatewayChargeStatus.Paid),
            "failed" => new GatewayOutcome(Id, GatewayChargeStatus.Declined, Failure?.Code, Failure?.Message),
            _ => new GatewayOutcome(Id, GatewayChargeStatus.Pending),
        };
    }

    private sealed record SimulatorRefund(string Id, string ChargeId, long Amount);

    private sealed record SimulatorWebhook(string Id, string Type, SimulatorCharge? Data);
}
