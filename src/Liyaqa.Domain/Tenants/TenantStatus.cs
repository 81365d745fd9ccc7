using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Tenants;

public enum TenantStatus
{
    Active,
    Suspended,
}
