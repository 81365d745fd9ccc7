using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Users;

namespace Liyaqa.Api.Features.Members;

/// <summary>A member as lists show them: the national ID masked.</summary>
public sealed record MemberSummary(
    Guid Id, string Number, string FirstNameEn, string LastNameEn, string FirstNameAr, string LastNameAr, string? Email, string? Phone,
    MemberStatus Status, Guid? HomeBranchId, IReadOnlyList<string> Tags, string? NationalIdMasked)
{
    public static MemberSummary From(Member m) => new(
        m.Id, m.DisplayNumber, m.FirstNameEn, m.LastNameEn, m.FirstNameAr, m.LastNameAr, m.Email, m.Phone, m.Status, m.HomeBranchId, m.Tags, m.MaskedNationalId);
}

/// <summary>One member in full, for the member's page.</summary>
public sealed record MemberResponse(
    Guid Id, string Number, string FirstNameEn, string LastNameEn, string FirstNameAr, string LastNameAr, string? Email, string? Phone,
    Gender Gender, DateOnly? DateOfBirth, string? NationalId, string? EmergencyContactName, string? EmergencyContactPhone, Guid? HomeBranchId,
    IReadOnlyList<string> Tags, string? Notes, string Language, MemberStatus Status, string? LeadSource, bool HasAppAccount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt)
{
    public static MemberResponse From(Member m) => new(
        m.Id, m.DisplayNumber, m.FirstNameEn, m.LastNameEn, m.FirstNameAr, m.LastNameAr, m.Email, m.Phone, m.Gender, m.DateOfBirth, m.NationalId,
        m.EmergencyContactName, m.EmergencyContactPhone, m.HomeBranchId, m.Tags, m.Notes, m.Language, m.Status, m.LeadSource, m.UserId is not null,
        m.CreatedAt, m.UpdatedAt, m.ArchivedAt);
}

/// <summary>A page of members; <c>HasMore</c> when another page follows; <c>Total</c> only when asked for (includeTotal=true).</summary>
public sealed record MemberPage(IReadOnlyList<MemberSummary> Items, int Page, int PageSize, bool HasMore, int? Total);

/// <summary>A new member or lead: the member's details, and for a lead where they came from.</summary>
public sealed record CreateMemberRequest(
    [property: MaxLength(Member.MaxNameLength)] string? FirstNameEn,
    [property: MaxLength(Member.MaxNameLength)] string? LastNameEn,
    [property: MaxLength(Member.MaxNameLength)] string? FirstNameAr,
    [property: MaxLength(Member.MaxNameLength)] string? LastNameAr,
    [property: MaxLength(User.MaxEmailLength)] string? Email,
    [property: MaxLength(PhoneNumbers.MaxInputLength)] string? Phone,
    Gender Gender,
    DateOnly? DateOfBirth,
    [property: MaxLength(20)] string? NationalId,
    [property: MaxLength(200)] string? EmergencyContactName,
    [property: MaxLength(PhoneNumbers.MaxInputLength)] string? EmergencyContactPhone,
    Guid? HomeBranchId,
    IReadOnlyList<string>? Tags,
    [property: MaxLength(Member.MaxNotesLength)] string? Notes,
    [property: MaxLength(8)] string? Language,
    [property: MaxLength(100)] string? LeadSource = null)
{
    [JsonIgnore]
    public MemberDetails Details => new(FirstNameEn, LastNameEn, FirstNameAr, LastNameAr, Email, Phone, Gender, DateOfBirth, NationalId,
        EmergencyContactName, EmergencyContactPhone, HomeBranchId, Tags, Notes, Language);
}
