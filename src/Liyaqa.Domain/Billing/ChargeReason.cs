using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

public enum ChargeReason
{
    LateCancellation,
    NoShow,
}
