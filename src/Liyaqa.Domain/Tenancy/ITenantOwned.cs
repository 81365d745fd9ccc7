namespace Liyaqa.Domain.Tenancy;

/// <summary>
/// Marks data that belongs to one club. Persistence stamps <see cref="TenantId"/> on insert, filters every
/// query by the current tenant and lets PostgreSQL row-level security refuse any other tenant's rows.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
