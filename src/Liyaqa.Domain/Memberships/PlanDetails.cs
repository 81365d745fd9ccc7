using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Memberships;

/// <summary>What a plan is, for creating or changing one.</summary>
public sealed record PlanDetails(
    [property: MaxLength(100)] string NameEn,
    [property: MaxLength(100)] string NameAr,
    PlanKind Kind,
    int Duration,
    DurationUnit DurationUnit,
    int? Visits,
    decimal Price,
    bool PriceIncludesVat,
    decimal JoiningFee,
    PlanTerms Terms);
