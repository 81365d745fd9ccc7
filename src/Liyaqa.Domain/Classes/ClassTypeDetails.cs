using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

public sealed record ClassTypeDetails(
    [property: MaxLength(100)] string NameEn,
    [property: MaxLength(100)] string NameAr,
    [property: MaxLength(1000)] string? Description,
    int DurationMinutes,
    int DefaultCapacity,
    [property: MaxLength(7)] string? Color,
    [property: MaxLength(40)] string? Level);
