using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Infrastructure.Tenancy;

/// <summary>The tenant of the current scope (a request, a job's unit of work). Set once it is known.</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    /// <summary>Acts for <paramref name="tenantId"/> from now on in this scope.</summary>
    public void Use(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("This scope already acts for another tenant.");
        }

        TenantId = tenantId;
    }
}
