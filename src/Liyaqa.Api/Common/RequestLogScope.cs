using System.Security.Claims;
using Liyaqa.Api.Common.Security;

namespace Liyaqa.Api.Common;

/// <summary>
/// Puts the signed-in club and user on every log line of a request (as the <c>TenantId</c> and
/// <c>UserId</c> scope values, next to the <c>TraceId</c> and <c>SpanId</c> ASP.NET Core adds).
/// </summary>
internal static class RequestLogScope
{
    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }

            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Liyaqa.Requests");
            using (logger.BeginScope(new Dictionary<string, object?>
            {
                ["TenantId"] = user.FindFirstValue(AccessTokens.Claims.Tenant),
                ["UserId"] = user.FindFirstValue(AccessTokens.Claims.Subject),
            }))
            {
                await next(context);
            }
        });
}
