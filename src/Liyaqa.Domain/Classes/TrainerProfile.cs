using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Users;

namespace Liyaqa.Domain.Classes;

/// <summary>
/// What members see of a trainer (a club user with the Trainer role): names in both languages, a short bio in each,
/// specialities and a photo. Keyed by the trainer's user id.
/// </summary>
public sealed class TrainerProfile : Entity, ITenantOwned
{
    public const int MaxNameLength = 100;
    public const int MaxBioLength = 2000;
    public const int MaxSpecialities = 10;
    public const int MaxSpecialityLength = 40;
    public const int MaxPhotoUrlLength = 500;

    private TrainerProfile()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>The trainer's user account; the profile's id.</summary>
    public Guid UserId => Id;

    public string DisplayNameEn { get; private set; } = string.Empty;

    public string DisplayNameAr { get; private set; } = string.Empty;

    public string? BioEn { get; private set; }

    public string? BioAr { get; private set; }

    public string[] Specialities { get; private set; } = [];

    /// <summary>An absolute https URL of the trainer's photo.</summary>
    public string? PhotoUrl { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A first profile for <paramref name="trainer"/>, who must be a user with the Trainer role.</summary>
    public static TrainerProfile Create(User trainer, TrainerProfileDetails details, DateTimeOffset now)
    {
        if (!trainer.HasRole(Role.Trainer))
        {
            throw new DomainRuleException("not-a-trainer", "Only a user with the Trainer role has a trainer profile.");
        }

        var profile = new TrainerProfile { Id = trainer.Id, TenantId = trainer.TenantId };
        profile.Change(details, now);
        return profile;
    }

    public void Change(TrainerProfileDetails details, DateTimeOffset now)
    {
        var specialities = (details.Specialities ?? []).Select(s => s?.Trim() ?? string.Empty).Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        new DomainErrors()
            .Check(details.DisplayNameEn?.Trim().Length is > 0 and <= MaxNameLength, "displayNameEn", $"An English name of 1-{MaxNameLength} characters is required.")
            .Check(details.DisplayNameAr?.Trim().Length is > 0 and <= MaxNameLength, "displayNameAr", $"An Arabic name of 1-{MaxNameLength} characters is required.")
            .Check((details.BioEn?.Trim().Length ?? 0) <= MaxBioLength, "bioEn", $"At most {MaxBioLength} characters.")
            .Check((details.BioAr?.Trim().Length ?? 0) <= MaxBioLength, "bioAr", $"At most {MaxBioLength} characters.")
            .Check(specialities.Length <= MaxSpecialities && specialities.All(s => s.Length <= MaxSpecialityLength), "specialities",
                $"At most {MaxSpecialities} specialities of up to {MaxSpecialityLength} characters.")
            .Check(IsPhotoUrl(details.PhotoUrl), "photoUrl", $"An absolute https URL of up to {MaxPhotoUrlLength} characters.")
            .ThrowIfAny();
        DisplayNameEn = details.DisplayNameEn!.Trim();
        DisplayNameAr = details.DisplayNameAr!.Trim();
        BioEn = string.IsNullOrWhiteSpace(details.BioEn) ? null : details.BioEn.Trim();
        BioAr = string.IsNullOrWhiteSpace(details.BioAr) ? null : details.BioAr.Trim();
        Specialities = specialities;
        PhotoUrl = string.IsNullOrWhiteSpace(details.PhotoUrl) ? null : details.PhotoUrl.Trim();
        UpdatedAt = now;
        Audit(AuditActions.TrainerProfileChanged, new { DisplayNameEn, Specialities });
    }

    private static bool IsPhotoUrl(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (url.Trim().Length <= MaxPhotoUrlLength && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0);
}
