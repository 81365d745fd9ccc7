using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

/// <summary>Where a member is in their life with the club; derived from their subscriptions (<see cref="MemberStatusRules"/>).</summary>
public enum MemberStatus
{
    Lead,
    Trial,
    Active,
    Frozen,
    Expired,
    Cancelled,
}
