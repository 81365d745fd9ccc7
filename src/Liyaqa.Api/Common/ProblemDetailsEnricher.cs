using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Liyaqa.Api.Common;

/// <summary>Every problem response carries the request path and a trace id to quote to support.</summary>
internal static class ProblemDetailsEnricher
{
    public static void Enrich(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        context.ProblemDetails.Instance ??= http.Request.Path;
        context.ProblemDetails.Extensions["traceId"] =
            Activity.Current?.TraceId.ToString() ?? http.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString() ?? http.TraceIdentifier;
    }
}
