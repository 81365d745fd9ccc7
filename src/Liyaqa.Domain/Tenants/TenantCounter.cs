using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Tenants;

/// <summary>A club's running number of one kind (member numbers, later invoice numbers).</summary>
public sealed class TenantCounter : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Name { get; set; } = string.Empty;

    public long Value { get; set; }
}
