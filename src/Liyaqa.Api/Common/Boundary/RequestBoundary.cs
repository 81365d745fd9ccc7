using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Liyaqa.Api.Common.Boundary;

/// <summary>
/// Refuses, before authentication and for every endpoint, what no handler should meet: a URL over 8 KiB (414),
/// headers over 32 KiB or 100 of them (431), a body in a charset other than UTF-8 (415), and query, route or
/// club-header values breaking <see cref="RequestValues"/>' rules (400 naming the parameter). Each refusal is
/// thrown, so <see cref="ProblemExceptionHandler"/> answers it with a problem like every other error.
/// </summary>
public static class RequestBoundary
{
    public const int MaxUrlLength = 8 * 1024;
    public const int MaxHeadersLength = 32 * 1024;
    public const int MaxHeaderCount = 100;

    /// <summary>
    /// Kestrel answers a request line or headers over its own limits by closing the connection, which a client still
    /// sending sees as a reset. It reads a URL of up to 1 MiB (plus the method and path) and 256 KiB of headers here,
    /// its buffer grown to hold that line, so that the check above answers with a problem; only beyond those does a
    /// connection close unanswered.
    /// </summary>
    public static WebApplicationBuilder LimitRequestSizes(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = (1 << 20) + (16 << 10);
            kestrel.Limits.MaxRequestBufferSize = kestrel.Limits.MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 256 << 10;
            kestrel.Limits.MaxRequestHeaderCount = 1000;
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestBoundary(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            Check(context);
            return next(context);
        });

    private static void Check(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{request.Path}{request.QueryString}";
        if (target.Length > MaxUrlLength)
        {
            throw new BadHttpRequestException($"The URL is longer than {MaxUrlLength} characters.", StatusCodes.Status414UriTooLong);
        }

        if (request.Headers.Count > MaxHeaderCount || request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4) > MaxHeadersLength)
        {
            throw new BadHttpRequestException($"The headers are over {MaxHeadersLength} characters or {MaxHeaderCount} fields.", StatusCodes.Status431RequestHeaderFieldsTooLarge);
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && HeaderUtilities.RemoveQuotes(media.Charset).Value is { Length: > 0 } charset)
        {
            if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException($"The charset '{charset[..Math.Min(charset.Length, 40)]}' is not supported; send UTF-8.", StatusCodes.Status415UnsupportedMediaType);
            }

            // Every spelling of UTF-8 ("UTF-8" quoted, utf8) reaches the body readers as the one they know.
            media.Charset = "utf-8";
            request.ContentType = media.ToString();
        }

        Refuse("X-Tenant-Id", request.Headers["X-Tenant-Id"], Tenant.MaxSlugLength);
        foreach (var (name, values) in request.Query)
        {
            Refuse(name, values, MaxUrlLength);
        }

        foreach (var (name, value) in request.RouteValues)
        {
            Refuse(name, value as string, MaxUrlLength);
        }
    }

    private static void Refuse(string name, Microsoft.Extensions.Primitives.StringValues values, int maxLength)
    {
        foreach (var value in values)
        {
            if (value is not null && RequestValues.RefusalOfText(value, maxLength) is { } refusal)
            {
                throw new DomainValidationException(name[..Math.Min(name.Length, 100)], refusal);
            }
        }
    }
}
