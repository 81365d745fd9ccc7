using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>A kind of class the club runs (spin, yoga…): names in both languages, length and usual capacity.</summary>
public sealed class ClassType : Entity, ITenantOwned
{
    private ClassType()
    {
    }

    public Guid TenantId { get; private set; }

    public string NameEn { get; private set; } = string.Empty;

    public string NameAr { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public int DurationMinutes { get; private set; }

    public int DefaultCapacity { get; private set; }

    public string? Color { get; private set; }

    public string? Level { get; private set; }

    public string NameIn(string language) => language == Languages.Arabic && NameAr.Length > 0 ? NameAr : NameEn;

    public static ClassType Create(ClassTypeDetails details)
    {
        new DomainErrors()
            .Check(details.NameEn?.Trim().Length is > 0 and <= 100, "nameEn", "An English name of 1-100 characters is required.")
            .Check(details.NameAr?.Trim().Length is > 0 and <= 100, "nameAr", "An Arabic name of 1-100 characters is required.")
            .Check(details.DurationMinutes is >= 10 and <= 480, "durationMinutes", "A class lasts 10-480 minutes.")
            .Check(details.DefaultCapacity is >= 1 and <= 500, "defaultCapacity", "A capacity of 1-500 is required.")
            .Check(details.Color is null || System.Text.RegularExpressions.Regex.IsMatch(details.Color, "^#[0-9A-Fa-f]{6}$"), "color", "Use a #RRGGBB colour.")
            .Check((details.Description?.Length ?? 0) <= 1000 && (details.Level?.Length ?? 0) <= 40, "description", "Description up to 1000 and level up to 40 characters.")
            .ThrowIfAny();
        var type = new ClassType
        {
            NameEn = details.NameEn!.Trim(),
            NameAr = details.NameAr!.Trim(),
            Description = details.Description?.Trim(),
            DurationMinutes = details.DurationMinutes,
            DefaultCapacity = details.DefaultCapacity,
            Color = details.Color,
            Level = details.Level?.Trim(),
        };
        type.Audit(AuditActions.ClassTypeCreated, new { type.NameEn });
        return type;
    }
}
