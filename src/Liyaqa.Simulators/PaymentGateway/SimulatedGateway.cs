using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Liyaqa.Simulators.PaymentGateway;

/// <summary>
/// The gateway's books: card tokens, charges, and the answer given to each idempotency key. A retry with a
/// key already used gets the first answer; the same key with another request is refused. Charges that settle
/// later, and every final outcome, are told to the merchant by a signed webhook to the charge's callback URL.
/// </summary>
public sealed class SimulatedGateway(IOptions<GatewaySimulatorOptions> options, WebhookSender webhooks, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (CardToken Token, string Number)> _tokens = new();
    private readonly ConcurrentDictionary<string, Charge> _charges = new();
    private readonly ConcurrentDictionary<string, (string RequestHash, Lazy<Charge> Charge)> _byIdempotencyKey = new();
    private readonly ConcurrentDictionary<string, (string RequestHash, Refund Refund)> _refundsByKey = new();
    private readonly Lock _refunding = new();

    public GatewaySimulatorOptions Options => options.Value;

    public CardToken Tokenize(TokenRequest request, string number)
    {
        var token = new CardToken($"tok_{RandomId()}", TestCards.Brand(number), number[^4..], request.ExpiryMonth, request.ExpiryYear, request.Holder?.Trim() ?? string.Empty);
        _tokens[token.Id] = (token, number);
        return token;
    }

    public CardToken? FindToken(string id) => _tokens.TryGetValue(id, out var token) ? token.Token : null;

    public Charge? FindCharge(string id) => _charges.GetValueOrDefault(id);

    /// <summary>
    /// Gives back part or all of a paid charge, at most what is left of it. The same key answers the first refund again;
    /// with another request it is refused (the error is then "idempotency").
    /// </summary>
    public (Refund? Refund, string? Error) RefundCharge(string chargeId, string idempotencyKey, long amount)
    {
        lock (_refunding)
        {
            var hash = $"{chargeId}:{amount}";
            if (_refundsByKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return earlier.RequestHash == hash ? (earlier.Refund, null) : (null, "idempotency");
            }

            if (!_charges.TryGetValue(chargeId, out var charge) || charge.Status != Charge.Paid)
            {
                return (null, "Only a paid charge can be refunded.");
            }

            if (amount <= 0 || amount > charge.Amount - charge.Refunded)
            {
                return (null, $"At most {charge.Amount - charge.Refunded} halalas of this charge are left to refund.");
            }

            var refund = new Refund($"rf_{RandomId()}", chargeId, amount, charge.Currency, clock.GetUtcNow());
            _charges[chargeId] = charge with { Refunded = charge.Refunded + amount };
            _refundsByKey[idempotencyKey] = (hash, refund);
            return (refund, null);
        }
    }

    /// <summary>Null when the key was used for another request.</summary>
    public async Task<(Charge Charge, bool Replayed)?> ChargeAsync(string idempotencyKey, ChargeRequest request, CancellationToken ct)
    {
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        var mine = (hash, new Lazy<Charge>(() => Create(request)));
        var entry = _byIdempotencyKey.GetOrAdd(idempotencyKey, mine);
        if (entry.RequestHash != hash)
        {
            return null;
        }

        var first = ReferenceEquals(entry.Charge, mine.Item2);
        var charge = entry.Charge.Value;
        var behaviour = TestCards.Of(_tokens[request.Source!.Token!].Number).Behaviour;
        if (first && behaviour == CardBehaviour.RespondSlowly)
        {
            // The charge went through; the answer is late, as when a gateway times out after taking the money.
            await Task.Delay(TimeSpan.FromSeconds(Options.SlowResponseSeconds), clock, ct);
        }

        return (_charges[charge.Id], !first);
    }

    private Charge Create(ChargeRequest request)
    {
        var (token, number) = _tokens[request.Source!.Token!];
        var (behaviour, code, message) = TestCards.Of(number);
        var now = clock.GetUtcNow();
        var charge = new Charge($"ch_{RandomId()}", Charge.Pending, request.Amount, request.Currency!.ToUpperInvariant(), request.Description ?? string.Empty,
            token.Brand, token.Last4, request.Metadata ?? [], null, now, null);
        charge = behaviour switch
        {
            CardBehaviour.Approve or CardBehaviour.RespondSlowly => charge with { Status = Charge.Paid, SettledAt = now },
            CardBehaviour.Decline => charge with { Status = Charge.Failed, Failure = new ChargeFailure(code!, message!), SettledAt = now },
            _ => charge,
        };
        _charges[charge.Id] = charge;
        if (charge.Status == Charge.Pending)
        {
            _ = SettleLaterAsync(charge.Id, behaviour == CardBehaviour.SettleLater ? null : new ChargeFailure(code!, message!), request.CallbackUrl);
        }
        else if (behaviour == CardBehaviour.RespondSlowly)
        {
            // Its webhook goes out once the slow processing is over, with the late answer.
            _ = NotifyLaterAsync(charge, request.CallbackUrl);
        }
        else
        {
            webhooks.Send(request.CallbackUrl, Event(charge));
        }

        return charge;
    }

    private async Task NotifyLaterAsync(Charge charge, string? callbackUrl)
    {
        await Task.Delay(TimeSpan.FromSeconds(Options.SlowResponseSeconds), clock);
        webhooks.Send(callbackUrl, Event(charge));
    }

    private async Task SettleLaterAsync(string id, ChargeFailure? failure, string? callbackUrl)
    {
        await Task.Delay(TimeSpan.FromSeconds(Options.SettlementDelaySeconds), clock);
        var settled = _charges[id] with { Status = failure is null ? Charge.Paid : Charge.Failed, Failure = failure, SettledAt = clock.GetUtcNow() };
        _charges[id] = settled;
        webhooks.Send(callbackUrl, Event(settled));
    }

    private WebhookEvent Event(Charge charge) =>
        new($"evt_{RandomId()}", charge.Status == Charge.Paid ? "charge.paid" : "charge.failed", clock.GetUtcNow(), charge);

    private static string RandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the webhook secret&gt;</c>.</summary>
    public static string Sign(string secret, long unixSeconds, string body) =>
        $"t={unixSeconds},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}")))}";
}
