using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;

namespace Liyaqa.Domain.Branches;

/// <summary>A location of a club. Every club starts with its main branch.</summary>
public sealed class Branch : Entity, IAggregateRoot, ITenantOwned
{
    private Branch()
    {
    }

    public Guid TenantId { get; private set; }

    public string NameEn { get; private set; } = string.Empty;

    public string NameAr { get; private set; } = string.Empty;

    /// <summary>IANA time zone of the branch; class times and opening hours are local to it.</summary>
    public string TimeZone { get; private set; } = Tenant.DefaultTimeZone;

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The branch a new club starts with, named after the club until staff rename it.</summary>
    public static Branch MainOf(Tenant tenant, DateTimeOffset now) => new()
    {
        TenantId = tenant.Id,
        NameEn = "Main branch",
        NameAr = "الفرع الرئيسي",
        TimeZone = tenant.TimeZone,
        IsActive = true,
        CreatedAt = now,
    };
}
