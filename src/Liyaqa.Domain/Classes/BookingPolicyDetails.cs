using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

public sealed record BookingPolicyDetails(
    int OpensBeforeDays, int ClosesBeforeMinutes, int LateCancelBeforeMinutes, int PromotionClosesBeforeMinutes, int ReminderBeforeMinutes,
    int MaxFutureBookings, int NoShowLimit, int NoShowBlockDays, LateCancelPenalty LateCancelPenalty, decimal LateCancelFee, decimal NoShowFee);
