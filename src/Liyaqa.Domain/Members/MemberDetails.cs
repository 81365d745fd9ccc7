using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

/// <summary>What staff type about a person; the same shape creates and updates a member.</summary>
public sealed record MemberDetails(
    string? FirstNameEn,
    string? LastNameEn,
    string? FirstNameAr,
    string? LastNameAr,
    string? Email,
    string? Phone,
    Gender Gender,
    DateOnly? DateOfBirth,
    string? NationalId,
    string? EmergencyContactName,
    string? EmergencyContactPhone,
    Guid? HomeBranchId,
    IReadOnlyList<string>? Tags,
    string? Notes,
    string? Language);
