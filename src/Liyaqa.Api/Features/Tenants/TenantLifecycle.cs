using Liyaqa.Infrastructure.Identity;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Tenants;

/// <summary>Operators suspend and reactivate clubs, and sign all of a club's users out.</summary>
public static class TenantLifecycle
{
    public static Task<Results<Ok<TenantResponse>, NotFound>> SuspendAsync(string slug, TenantChanges changes, CancellationToken ct) =>
        changes.ApplyAsync(slug, tenant => tenant.Suspend(), revokeRefreshTokens: false, ct);

    public static Task<Results<Ok<TenantResponse>, NotFound>> ReactivateAsync(string slug, TenantChanges changes, CancellationToken ct) =>
        changes.ApplyAsync(slug, tenant => tenant.Reactivate(), revokeRefreshTokens: false, ct);

    public static Task<Results<Ok<TenantResponse>, NotFound>> RevokeSessionsAsync(string slug, TenantChanges changes, TimeProvider clock, CancellationToken ct) =>
        changes.ApplyAsync(slug, tenant => tenant.RevokeSessions(clock.GetUtcNow()), revokeRefreshTokens: true, ct);
}
