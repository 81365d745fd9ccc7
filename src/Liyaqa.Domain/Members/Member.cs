using System.Net.Mail;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

/// <summary>
/// A person the club knows: a lead, a trial visitor, or a member with subscriptions. Names are kept in
/// Latin and Arabic script; email and phone are unique within the club; the national ID / iqama number
/// is never shown in lists or logs.
/// </summary>
public sealed class Member : Entity, ITenantOwned
{
    public const int MaxNameLength = 100;
    public const int MaxNotesLength = 2000;
    public const int MaxTags = 20;

    private Member()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>The club's running number for the member, shown as <see cref="DisplayNumber"/> (M-000042).</summary>
    public int Number { get; private set; }

    public string DisplayNumber => FormatNumber(Number);

    public string FirstNameEn { get; private set; } = string.Empty;

    public string LastNameEn { get; private set; } = string.Empty;

    public string FirstNameAr { get; private set; } = string.Empty;

    public string LastNameAr { get; private set; } = string.Empty;

    /// <summary>Lower-cased; unique within the club when present.</summary>
    public string? Email { get; private set; }

    /// <summary>E.164; unique within the club when present.</summary>
    public string? Phone { get; private set; }

    public Gender Gender { get; private set; }

    public DateOnly? DateOfBirth { get; private set; }

    public string? NationalId { get; private set; }

    public string? EmergencyContactName { get; private set; }

    public string? EmergencyContactPhone { get; private set; }

    public Guid? HomeBranchId { get; private set; }

    public string[] Tags { get; private set; } = [];

    public string? Notes { get; private set; }

    /// <summary>The language the member's messages are written in.</summary>
    public string Language { get; private set; } = Languages.Arabic;

    public MemberStatus Status { get; private set; }

    /// <summary>Where a lead came from (walk-in, website, referral…); null for members created directly.</summary>
    public string? LeadSource { get; private set; }

    /// <summary>Names, email, phone and number folded for search (<see cref="SearchText"/>); indexed with trigrams.</summary>
    public string SearchText { get; private set; } = string.Empty;

    /// <summary>SHA-256 of the secret in the member's calendar feed URL; null when there is no feed.</summary>
    public string? CalendarTokenHash { get; private set; }

    /// <summary>The member's own sign-in account, once invited to the member app.</summary>
    public Guid? UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    public string FullNameEn => $"{FirstNameEn} {LastNameEn}".Trim();

    public string FullNameAr => $"{FirstNameAr} {LastNameAr}".Trim();

    /// <summary>The name to greet the member with in <paramref name="language"/>, falling back to the other script.</summary>
    public string NameIn(string language) =>
        language == Languages.Arabic && FullNameAr.Length > 0 ? FullNameAr : FullNameEn.Length > 0 ? FullNameEn : FullNameAr;

    /// <summary>The national ID with all but its last four characters hidden.</summary>
    public string? MaskedNationalId => NationalId is null ? null : new string('•', Math.Max(0, NationalId.Length - 4)) + NationalId[^Math.Min(4, NationalId.Length)..];

    public static string FormatNumber(int number) => $"M-{number:D6}";

    public static Member Create(int number, MemberDetails details, string? leadSource, DateTimeOffset now)
    {
        var member = new Member { Number = number, CreatedAt = now, Status = MemberStatus.Lead, LeadSource = Clean(leadSource) };
        member.Apply(details, now);
        member.Audit(leadSource is null ? AuditActions.MemberCreated : AuditActions.LeadCreated, new { member.Number });
        return member;
    }

    public void Update(MemberDetails details, DateTimeOffset now)
    {
        Apply(details, now);
        Audit(AuditActions.MemberUpdated);
    }

    public void Archive(DateTimeOffset now)
    {
        ArchivedAt ??= now;
        UpdatedAt = now;
        Audit(AuditActions.MemberArchived);
    }

    public void LinkAccount(Guid userId) => UserId = userId;

    /// <summary>Starts (or replaces, ending the old URL) the member's calendar feed; returns the URL's secret.</summary>
    public string IssueCalendarToken()
    {
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        CalendarTokenHash = HashCalendarToken(secret);
        return secret;
    }

    public void RevokeCalendarToken() => CalendarTokenHash = null;

    public static string HashCalendarToken(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>Sets the status derived from the member's subscriptions; audited when it changes.</summary>
    public void ApplyStatus(MemberStatus status, DateTimeOffset now)
    {
        if (status == Status)
        {
            return;
        }

        Audit(AuditActions.MemberStatusChanged, new { from = Status.ToString(), to = status.ToString() });
        Status = status;
        UpdatedAt = now;
    }

    /// <summary>True when <paramref name="details"/> would change nothing (a re-imported row, an idempotent update).</summary>
    public bool HasDetails(MemberDetails details)
    {
        var wanted = Normalize(details, DateTimeOffset.UtcNow);
        return wanted with { Tags = null, Language = null } == Current with { Tags = null, Language = null }
            && (wanted.Tags ?? []).SequenceEqual(Tags) && (wanted.Language ?? Language) == Language;
    }

    private MemberDetails Current => new(
        FirstNameEn, LastNameEn, FirstNameAr, LastNameAr, Email, Phone, Gender, DateOfBirth, NationalId, EmergencyContactName,
        EmergencyContactPhone, HomeBranchId, Tags, Notes, Language);

    private void Apply(MemberDetails details, DateTimeOffset now)
    {
        var clean = Normalize(details, now);
        FirstNameEn = clean.FirstNameEn!;
        LastNameEn = clean.LastNameEn!;
        FirstNameAr = clean.FirstNameAr!;
        LastNameAr = clean.LastNameAr!;
        Email = clean.Email;
        Phone = clean.Phone;
        Gender = clean.Gender;
        DateOfBirth = clean.DateOfBirth;
        NationalId = clean.NationalId;
        EmergencyContactName = clean.EmergencyContactName;
        EmergencyContactPhone = clean.EmergencyContactPhone;
        HomeBranchId = clean.HomeBranchId;
        Tags = [.. clean.Tags!];
        Notes = clean.Notes;
        Language = clean.Language ?? Language;
        UpdatedAt = now;
        SearchText = Common.SearchText.Normalize(string.Join(' ',
            FirstNameEn, LastNameEn, FirstNameAr, LastNameAr, Email, Phone?.TrimStart('+'), DisplayNumber));
    }

    /// <summary>The details validated (every bad field named) and in stored form: trimmed, email lower-cased, phones E.164.</summary>
    private static MemberDetails Normalize(MemberDetails details, DateTimeOffset now)
    {
        var phone = PhoneNumbers.Normalize(details.Phone);
        var emergencyPhone = PhoneNumbers.Normalize(details.EmergencyContactPhone);
        var email = Clean(details.Email)?.ToLowerInvariant();
        var tags = (details.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        new DomainErrors()
            .Check(Clean(details.FirstNameEn) is not null || Clean(details.FirstNameAr) is not null, "firstNameEn", "A first name in Latin or Arabic script is required.")
            .Check(Fits(details.FirstNameEn) && Fits(details.LastNameEn) && Fits(details.FirstNameAr) && Fits(details.LastNameAr), "name", $"Names are at most {MaxNameLength} characters.")
            .Check(email is null || (email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email), "email", "Not a valid email address.")
            .Check(details.Phone is null || phone is not null, "phone", "Not a phone number; use +9665XXXXXXXX or 05XXXXXXXX.")
            .Check(phone is null || !phone.StartsWith("+966", StringComparison.Ordinal) || PhoneNumbers.IsSaudiMobile(phone), "phone", "A Saudi mobile number is 05XXXXXXXX (+9665XXXXXXXX).")
            .Check(details.EmergencyContactPhone is null || emergencyPhone is not null, "emergencyContactPhone", "Not a phone number.")
            .Check(details.DateOfBirth is null || (details.DateOfBirth.Value.Year >= 1900 && details.DateOfBirth.Value <= DateOnly.FromDateTime(now.UtcDateTime)), "dateOfBirth", "A date of birth in the past is required.")
            .Check(Clean(details.NationalId) is null || Clean(details.NationalId)!.Length is >= 5 and <= 20, "nationalId", "A national ID or iqama number has 5-20 characters.")
            .Check(tags.Length <= MaxTags && tags.All(t => t.Length <= 40), "tags", $"At most {MaxTags} tags of up to 40 characters.")
            .Check((details.Notes?.Length ?? 0) <= MaxNotesLength, "notes", $"Notes are at most {MaxNotesLength} characters.")
            .Check(details.Language is null || Languages.IsSupported(details.Language), "language", "Use 'ar' or 'en'.")
            .ThrowIfAny();
        return new MemberDetails(
            Clean(details.FirstNameEn) ?? string.Empty, Clean(details.LastNameEn) ?? string.Empty, Clean(details.FirstNameAr) ?? string.Empty,
            Clean(details.LastNameAr) ?? string.Empty, email, phone, details.Gender, details.DateOfBirth, Clean(details.NationalId),
            Clean(details.EmergencyContactName), emergencyPhone, details.HomeBranchId, tags, Clean(details.Notes), details.Language);
    }

    private static bool Fits(string? name) => (name?.Trim().Length ?? 0) <= MaxNameLength;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
