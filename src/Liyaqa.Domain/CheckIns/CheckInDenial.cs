
namespace Liyaqa.Domain.CheckIns;

/// <summary>Why a member was not let in: a stable code for apps, and what the front desk tells the member.</summary>
public sealed record CheckInDenial(string Code, string MessageEn, string MessageAr)
{
    public static readonly CheckInDenial NoActiveMembership = new("no-active-membership", "No active membership.", "لا توجد عضوية سارية.");
    public static readonly CheckInDenial Frozen = new("membership-frozen", "The membership is frozen today.", "العضوية مجمدة اليوم.");
    public static readonly CheckInDenial Suspended = new("membership-suspended-unpaid", "The membership is suspended until its unpaid renewal is paid.", "العضوية موقوفة حتى سداد فاتورة التجديد المستحقة.");
    public static readonly CheckInDenial Expired = new("membership-expired", "The membership has expired.", "انتهت العضوية.");
    public static readonly CheckInDenial BranchNotIncluded = new("branch-not-included", "The membership does not include this branch.", "العضوية لا تشمل هذا الفرع.");
    public static readonly CheckInDenial OutsideAccessHours = new("outside-access-hours", "Outside the membership's access hours or the branch's opening hours.", "خارج ساعات الدخول المسموحة أو ساعات عمل الفرع.");
    public static readonly CheckInDenial NoVisitsLeft = new("no-visits-left", "No visits are left on the pack.", "لم يتبقَ أي زيارات في الباقة.");
    public static readonly CheckInDenial AlreadyCheckedIn = new("already-checked-in", "Already checked in a few minutes ago.", "تم تسجيل الدخول قبل دقائق.");

    public static IReadOnlyList<CheckInDenial> All { get; } = [NoActiveMembership, Frozen, Suspended, Expired, BranchNotIncluded, OutsideAccessHours, NoVisitsLeft, AlreadyCheckedIn];
}
