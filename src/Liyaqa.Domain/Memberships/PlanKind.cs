using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

public enum PlanKind
{
    /// <summary>A fixed period (days or months) of access.</summary>
    TimeBased,

    /// <summary>N entries, used within a validity period.</summary>
    VisitPack,

    /// <summary>Renews every month until cancelled.</summary>
    RecurringMonthly,
}
