using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Liyaqa.Api.Common.Security;

/// <summary>Part of every club policy: the signed-in user's club is not suspended.</summary>
internal sealed class ActiveTenantRequirement : IAuthorizationRequirement;

internal sealed class ActiveTenantHandler : AuthorizationHandler<ActiveTenantRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveTenantRequirement requirement)
    {
        if (context.Resource is HttpContext http && http.Items[SessionValidator.TenantSuspendedItem] is true)
        {
            context.Fail(new AuthorizationFailureReason(this, "The club's account is suspended; contact the platform operator."));
        }
        else
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Refusals become problem responses; a 403 says why when a requirement gave a reason.</summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var reason = authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message;
        if (authorizeResult.Forbidden && reason is not null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = reason },
            });
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
