using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>What a late cancellation costs the member.</summary>
public enum LateCancelPenalty
{
    /// <summary>Nothing: the credit returns as if cancelled in time.</summary>
    None,

    /// <summary>The class credit stays used.</summary>
    ForfeitCredit,

    /// <summary>The credit returns and a fee line is raised for billing.</summary>
    Fee,
}
