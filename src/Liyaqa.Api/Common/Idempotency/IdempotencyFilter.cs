using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Common.Security;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Idempotency;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liyaqa.Api.Common.Idempotency;

/// <summary>
/// Makes a club POST safe to retry. A request carrying <c>Idempotency-Key</c> claims the key for its club, caller and
/// operation in the request's transaction, with the fingerprint of the request; its answer (status, body, location) is
/// stored before the commit. A retry with the same key and request gets that answer again; the same key with another
/// request is a 422. A parallel request with the same key waits on the claimed key until the first commits, then gets
/// its answer, so the work happens once. A refused request (4xx) keeps nothing, so its key may be used again.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on an answer that repeats the first answer to the key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Honours <see cref="Header"/> on this endpoint; it must run in a club's request transaction.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<IdempotencyFilter>();
}

internal sealed class IdempotencyFilter(LiyaqaDbContext db, IOptions<JsonOptions> json, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyRecord.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new DomainValidationException(IdempotencyKeys.Header, $"One key of 1-{IdempotencyRecord.MaxKeyLength} visible ASCII characters.");
        }

        var ct = http.RequestAborted;
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Idempotency keys belong to a club.");
        var callerId = Guid.Parse(http.User.FindFirstValue(AccessTokens.Claims.Subject)!);
        var operation = Operation(http);
        var fingerprint = Fingerprint(context, operation);

        // Claims the key; a parallel claim of the same key waits here for the first transaction to end.
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_keys (tenant_id, caller_id, operation, key, fingerprint, created_at)
            VALUES ({tenantId}, {callerId}, {operation}, {key}, {fingerprint}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, ct) == 1;
        if (!claimed)
        {
            return await EarlierAnswerAsync(callerId, operation, key, fingerprint, ct);
        }

        var result = await next(context);
        var answer = HttpResultStatus.Unwrap(result);
        var status = HttpResultStatus.Of(answer);
        if (status >= StatusCodes.Status400BadRequest)
        {
            // A refusal is not remembered: the key stays free for a corrected request.
            await db.IdempotencyRecords.Where(r => r.CallerId == callerId && r.Operation == operation && r.Key == key).ExecuteDeleteAsync(ct);
            return result;
        }

        var body = answer is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions) : null;
        var location = answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;
        await db.IdempotencyRecords.Where(r => r.CallerId == callerId && r.Operation == operation && r.Key == key)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.StatusCode, status).SetProperty(x => x.ResponseBody, body).SetProperty(x => x.Location, location), ct);
        return result;
    }

    private async Task<IResult> EarlierAnswerAsync(Guid callerId, string operation, string key, string fingerprint, CancellationToken ct)
    {
        var earlier = await db.IdempotencyRecords.AsNoTracking()
            .SingleAsync(r => r.CallerId == callerId && r.Operation == operation && r.Key == key, ct);
        if (earlier.Fingerprint != fingerprint)
        {
            throw new DomainRuleException("idempotency-key-reused", "This Idempotency-Key was already used for a different request; use a new key.");
        }

        return earlier.StatusCode is { } status
            ? new ReplayedResult(status, earlier.ResponseBody, earlier.Location)
            : throw new DomainConflictException("A request with this Idempotency-Key is still in progress; retry shortly.");
    }

    /// <summary>The endpoint's method and route template: the key's scope within the caller.</summary>
    private static string Operation(HttpContext http)
    {
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? string.Empty;
        var operation = $"{http.Request.Method} {template}";
        return operation.Length <= IdempotencyRecord.MaxOperationLength ? operation : operation[..IdempotencyRecord.MaxOperationLength];
    }

    /// <summary>SHA-256 of the operation, the actual path and the body as bound (so formatting alone does not change it).</summary>
    private string Fingerprint(EndpointFilterInvocationContext context, string operation)
    {
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(a => a?.GetType() == bodyType);
        var text = $"{operation}\n{context.HttpContext.Request.Path}\n{(body is null ? string.Empty : JsonSerializer.Serialize(body, bodyType!, json.Value.SerializerOptions))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>The first answer to a key, sent again as it was.</summary>
internal sealed class ReplayedResult(int statusCode, string? body, string? location) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
