using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

public enum DurationUnit
{
    Days,
    Months,
}
