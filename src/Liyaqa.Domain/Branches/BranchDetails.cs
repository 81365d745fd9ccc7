using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;

namespace Liyaqa.Domain.Branches;

public sealed record BranchDetails(
    [property: MaxLength(200)] string NameEn,
    [property: MaxLength(200)] string NameAr,
    [property: MaxLength(500)] string? Address,
    [property: MaxLength(64)] string? TimeZone,
    IReadOnlyList<OpeningHours>? OpeningHours);
