using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Tenants;

namespace Liyaqa.Domain.Branches;

/// <summary>A location of a club. Every club starts with its main branch.</summary>
public sealed class Branch : Entity, ITenantOwned
{
    private Branch()
    {
    }

    public Guid TenantId { get; private set; }

    public string NameEn { get; private set; } = string.Empty;

    public string NameAr { get; private set; } = string.Empty;

    public string? Address { get; private set; }

    /// <summary>IANA time zone of the branch; class times and opening hours are local to it.</summary>
    public string TimeZone { get; private set; } = Tenant.DefaultTimeZone;

    /// <summary>Open hours per weekday; a day without an entry is closed. Empty means always open.</summary>
    public IReadOnlyList<OpeningHours> OpeningHours { get; private set; } = [];

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string NameIn(string language) => language == Languages.Arabic && NameAr.Length > 0 ? NameAr : NameEn;

    /// <summary>The branch a new club starts with, named after the club until staff rename it.</summary>
    public static Branch MainOf(Tenant tenant, DateTimeOffset now) => new()
    {
        TenantId = tenant.Id,
        NameEn = "Main branch",
        NameAr = "الفرع الرئيسي",
        TimeZone = tenant.TimeZone,
        IsActive = true,
        CreatedAt = now,
    };

    public static Branch Create(BranchDetails details, string clubTimeZone, DateTimeOffset now)
    {
        var branch = new Branch { IsActive = true, CreatedAt = now, TimeZone = clubTimeZone };
        branch.Apply(details);
        branch.Audit(AuditActions.BranchCreated, new { branch.NameEn });
        return branch;
    }

    public void Update(BranchDetails details)
    {
        Apply(details);
        Audit(AuditActions.BranchUpdated);
    }

    public void SetActive(bool active)
    {
        IsActive = active;
        Audit(AuditActions.BranchUpdated, new { active });
    }

    /// <summary>The branch's local day and time at <paramref name="instant"/>.</summary>
    public (DateOnly Date, TimeOnly Time) LocalAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        return (DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Open at <paramref name="instant"/>: today's hours, or yesterday's hours running past midnight.</summary>
    public bool IsOpenAt(DateTimeOffset instant)
    {
        if (OpeningHours.Count == 0)
        {
            return true;
        }

        var (date, time) = LocalAt(instant);
        var yesterday = date.AddDays(-1).DayOfWeek;
        return OpeningHours.Any(h =>
            (h.Day == date.DayOfWeek && time >= h.Opens && (h.Closes <= h.Opens || time < h.Closes))
            || (h.Day == yesterday && h.Closes <= h.Opens && time < h.Closes));
    }

    private void Apply(BranchDetails details)
    {
        var timeZone = string.IsNullOrWhiteSpace(details.TimeZone) ? TimeZone : details.TimeZone.Trim();
        var hours = details.OpeningHours ?? [];
        new DomainErrors()
            .Check(details.NameEn?.Trim().Length is > 0 and <= 200, "nameEn", "An English name of 1-200 characters is required.")
            .Check(details.NameAr?.Trim().Length is > 0 and <= 200, "nameAr", "An Arabic name of 1-200 characters is required.")
            .Check((details.Address?.Length ?? 0) <= 500, "address", "At most 500 characters.")
            .Check(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), "timeZone", "Unknown IANA time zone.")
            .Check(hours.Select(h => h.Day).Distinct().Count() == hours.Count, "openingHours", "One entry per day of the week.")
            .Check(hours.All(h => h.Opens != h.Closes), "openingHours", "A day's hours must not open and close at the same time.")
            .ThrowIfAny();
        NameEn = details.NameEn!.Trim();
        NameAr = details.NameAr!.Trim();
        Address = string.IsNullOrWhiteSpace(details.Address) ? null : details.Address.Trim();
        TimeZone = timeZone;
        OpeningHours = [.. hours.OrderBy(h => h.Day)];
    }
}
