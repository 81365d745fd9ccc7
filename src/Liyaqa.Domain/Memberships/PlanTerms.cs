using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

/// <summary>When, where and how often a subscription may be used, and how it may be frozen — copied onto each subscription when sold, so later edits of the plan do not change what a member bought.</summary>
public sealed record PlanTerms(
    bool AllBranches,
    IReadOnlyList<Guid> BranchIds,
    TimeOnly? AccessFrom,
    TimeOnly? AccessUntil,
    int? ClassCredits,
    int MaxFreezesPerYear,
    int MinFreezeDays,
    int MaxFreezeDays)
{
    public bool CoversBranch(Guid branchId) => AllBranches || BranchIds.Contains(branchId);

    /// <summary>True when <paramref name="localTime"/> (branch time) is inside the access hours; a window may pass midnight.</summary>
    public bool AllowsTime(TimeOnly localTime) => (AccessFrom, AccessUntil) switch
    {
        (null, _) or (_, null) => true,
        var (from, until) when from <= until => localTime >= from && localTime < until,
        var (from, until) => localTime >= from || localTime < until,
    };
}
