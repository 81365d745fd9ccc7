using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Users;

namespace Liyaqa.Domain.Classes;

public sealed record TrainerProfileDetails(
    [property: MaxLength(TrainerProfile.MaxNameLength)] string DisplayNameEn,
    [property: MaxLength(TrainerProfile.MaxNameLength)] string DisplayNameAr,
    [property: MaxLength(TrainerProfile.MaxBioLength)] string? BioEn,
    [property: MaxLength(TrainerProfile.MaxBioLength)] string? BioAr,
    IReadOnlyList<string>? Specialities,
    [property: MaxLength(TrainerProfile.MaxPhotoUrlLength)] string? PhotoUrl);
