using Liyaqa.Infrastructure.Persistence;

namespace Liyaqa.Api.Common.Tenancy;

/// <summary>
/// Club endpoints: a signed-in user of an active club holding <paramref name="permission"/>; a change runs
/// in one database transaction acting for the user's club (so row-level security applies), committed
/// when the endpoint succeeds and rolled back when it fails. A read (GET) runs without one: each of its
/// queries carries the club itself (<c>TenantCommandInterceptor</c>), read-committed as in a transaction.
/// </summary>
public static class TenantApi
{
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder routes, string prefix, string permission) =>
        routes.MapGroup(prefix)
            .RequireAuthorization(permission)
            .AddEndpointFilter<TenantTransactionFilter>();
}

internal sealed class TenantTransactionFilter(LiyaqaDbContext db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            return await next(context);
        }

        var ct = context.HttpContext.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await next(context);
        if (HttpResultStatus.Of(result) >= StatusCodes.Status400BadRequest)
        {
            await transaction.RollbackAsync(ct);
        }
        else
        {
            await transaction.CommitAsync(ct);
        }

        return result;
    }
}
