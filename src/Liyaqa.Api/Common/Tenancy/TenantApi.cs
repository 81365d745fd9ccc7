using Liyaqa.Infrastructure.Persistence;

namespace Liyaqa.Api.Common.Tenancy;

/// <summary>
/// Club endpoints: a signed-in user of an active club holding <paramref name="permission"/>; the request runs
/// in one database transaction acting for the user's club (so row-level security applies), committed
/// when the endpoint succeeds and rolled back when it fails.
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
