using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Billing;

public enum ChargeStatus
{
    /// <summary>Owed: billing puts it on the member's next invoice.</summary>
    Open,

    /// <summary>Let go by staff (or because the no-show was corrected to attended).</summary>
    Waived,

    /// <summary>On an invoice.</summary>
    Billed,
}
