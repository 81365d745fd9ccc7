namespace Liyaqa.Simulators.PaymentGateway;

public sealed record TokenRequest(string? Number, int ExpiryMonth, int ExpiryYear, string? Cvc, string? Holder);

public sealed record CardToken(string Id, string Brand, string Last4, int ExpiryMonth, int ExpiryYear, string Holder);

public sealed record ChargeSource(string? Token);

/// <summary>A charge, as a merchant asks for it: the amount in halalas (the currency's minor unit).</summary>
public sealed record ChargeRequest(long Amount, string? Currency, ChargeSource? Source, string? Description, Dictionary<string, string>? Metadata, string? CallbackUrl);

public sealed record ChargeFailure(string Code, string Message);

public sealed record Charge(
    string Id, string Status, long Amount, string Currency, string Description, string Brand, string Last4,
    IReadOnlyDictionary<string, string> Metadata, ChargeFailure? Failure, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt, long Refunded = 0)
{
    public const string Paid = "paid";
    public const string Failed = "failed";
    public const string Pending = "pending";
}

/// <summary>Money given back on a paid charge, in halalas.</summary>
public sealed record RefundRequest(long Amount);

public sealed record Refund(string Id, string ChargeId, long Amount, string Currency, DateTimeOffset CreatedAt);

public sealed record WebhookEvent(string Id, string Type, DateTimeOffset CreatedAt, Charge Data);

public sealed record GatewayError(string Type, string Message, Dictionary<string, string[]>? Errors = null);
