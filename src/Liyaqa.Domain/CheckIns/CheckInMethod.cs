using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.CheckIns;

/// <summary>How the front desk identified the member.</summary>
public enum CheckInMethod
{
    MemberId,
    MemberNumber,
    QrCode,
}
