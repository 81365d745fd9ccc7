using Liyaqa.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Tenants;

/// <summary>
/// On a developer's machine only (environment Development): the club <c>test-tenant</c> with the admin
/// <c>admin@test.com</c> / <c>Test123!@#</c>, so the runbook's login example works as written.
/// </summary>
public static class DevelopmentSeed
{
    public const string TenantSlug = "test-tenant";
    public const string AdminEmail = "admin@test.com";
    public const string AdminPassword = "Test123!@#";

    public static async Task SeedDevelopmentTenantAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.LiyaqaDbContext>();
        if (await db.Tenants.AnyAsync(t => t.Slug == TenantSlug))
        {
            return;
        }

        try
        {
            await scope.ServiceProvider.GetRequiredService<TenantProvisioner>().ProvisionAsync(
                new ProvisionTenantRequest(TenantSlug, "Test Tenant", null, null, null, "Test Admin", AdminEmail, AdminPassword), CancellationToken.None);
            app.Logger.LogInformation("Development seed: tenant {Tenant} with admin {Email}", TenantSlug, AdminEmail);
        }
        catch (Exception ex) when (ex is DomainConflictException or DbUpdateException)
        {
            // Another replica seeded it first.
        }
    }
}
