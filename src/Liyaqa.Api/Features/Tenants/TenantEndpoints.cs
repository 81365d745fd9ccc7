using Liyaqa.Api.Common.Security;

namespace Liyaqa.Api.Features.Tenants;

/// <summary>Platform operators provision and look up clubs.</summary>
public static class TenantEndpoints
{
    public const string Route = "/api/platform/tenants";

    public static WebApplication MapTenants(this WebApplication app)
    {
        var group = app.MapGroup(Route)
            .WithTags("Platform: tenants")
            .RequireAuthorization(Policies.PlatformOperator);

        group.MapPost("/", ProvisionTenant.HandleAsync)
            .WithName(nameof(ProvisionTenant))
            .WithSummary("Provision a club with its main branch.");
        group.MapGet("/{slug}", GetTenant.HandleAsync)
            .WithName(nameof(GetTenant))
            .WithSummary("One club by its slug (the X-Tenant-Id value).");
        group.MapGet("/", ListTenants.HandleAsync)
            .WithName(nameof(ListTenants))
            .WithSummary("Clubs in slug order, a page at a time.");
        group.MapPost("/{slug}/suspend", TenantLifecycle.SuspendAsync)
            .WithSummary("Suspend a club: its users can no longer sign in or call the API.");
        group.MapPost("/{slug}/reactivate", TenantLifecycle.ReactivateAsync)
            .WithSummary("Let a suspended club back in.");
        group.MapPost("/{slug}/sessions/revoke", TenantLifecycle.RevokeSessionsAsync)
            .WithSummary("Sign out every user of the club.");
        return app;
    }
}
