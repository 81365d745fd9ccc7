using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Idempotency;

/// <summary>
/// The first answer to a request sent with an <c>Idempotency-Key</c>, remembered per club, caller and operation with
/// the fingerprint of the request, so a retry gets the same answer and a reuse with another request is refused.
/// </summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public const int MaxKeyLength = 100;
    public const int MaxOperationLength = 200;

    public Guid TenantId { get; set; }

    /// <summary>The signed-in user who sent the request.</summary>
    public Guid CallerId { get; set; }

    /// <summary>Method and route template of the endpoint, e.g. <c>POST /api/payments</c>.</summary>
    public string Operation { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the method, the path and the body as the API read it.</summary>
    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>Null while the first request is still running (its transaction has not committed).</summary>
    public int? StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
