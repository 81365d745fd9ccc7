using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;

namespace Liyaqa.Api.Features.Members;

/// <summary>One line of an import file, read into member details or into the reasons it cannot be.</summary>
public sealed record MemberCsvRow(int Row, MemberDetails? Details, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// The members CSV Liyaqa exports and imports: UTF-8 (Arabic included), these columns in this order. An
/// import may use other headers: common English and Arabic names are recognised, and a mapping names the rest.
/// </summary>
public static class MemberCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "number", "firstNameEn", "lastNameEn", "firstNameAr", "lastNameAr", "email", "phone", "gender", "dateOfBirth", "nationalId",
        "emergencyContactName", "emergencyContactPhone", "tags", "notes", "language", "status",
    ];

    /// <summary>Other headers people use, in English and Arabic, compared as <see cref="HeaderKey"/> folds them.</summary>
    private static readonly Dictionary<string, string> Aliases = new (string Header, string Field)[]
    {
        ("first name", "firstNameEn"), ("last name", "lastNameEn"), ("surname", "lastNameEn"), ("mobile", "phone"), ("phone number", "phone"),
        ("mobile number", "phone"), ("email address", "email"), ("dob", "dateOfBirth"), ("birth date", "dateOfBirth"), ("national id", "nationalId"),
        ("iqama", "nationalId"), ("الاسم الأول", "firstNameAr"), ("اسم العائلة", "lastNameAr"), ("البريد الإلكتروني", "email"), ("الجوال", "phone"),
        ("رقم الجوال", "phone"), ("الجنس", "gender"), ("تاريخ الميلاد", "dateOfBirth"), ("رقم الهوية", "nationalId"), ("رقم الإقامة", "nationalId"),
        ("ملاحظات", "notes"), ("الوسوم", "tags"), ("اللغة", "language"),
    }.ToDictionary(a => HeaderKey(a.Header), a => a.Field, StringComparer.Ordinal);

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "yyyy/MM/dd"];

    /// <summary>
    /// The data rows, parsed as they are enumerated (each enumeration reads the text again), so a large file is never
    /// held as rows all at once; a header naming no member field at all is refused as a whole, at once.
    /// </summary>
    public static IEnumerable<MemberCsvRow> Read(string content, IReadOnlyDictionary<string, string> mapping)
    {
        using var csv = Open(content);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new DomainValidationException("file", "The file is empty; the first line must name the columns.");
        }

        var fields = csv.HeaderRecord!.Select(header => FieldFor(header, mapping)).ToArray();
        return fields.Any(f => f is "firstNameEn" or "firstNameAr")
            ? Rows(content, fields)
            : throw new DomainValidationException("file", $"No column for the first name; use the headers {string.Join(", ", Columns)} or give a mapping.");
    }

    private static IEnumerable<MemberCsvRow> Rows(string content, string?[] fields)
    {
        using var csv = Open(content);
        csv.Read();
        csv.ReadHeader();
        var row = 0;
        while (csv.Read())
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Length; i++)
            {
                if (fields[i] is { } field && csv.GetField(i) is { Length: > 0 } value)
                {
                    values[field] = value;
                }
            }

            yield return ToRow(++row, values);
        }
    }

    private static CsvReader Open(string content) => new(new StringReader(content), new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        BadDataFound = null,
        MissingFieldFound = null,
        TrimOptions = TrimOptions.Trim,
    });

    /// <summary>Writes the members in the export's columns, with a byte-order mark so spreadsheet programs read the Arabic right.</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<Member> members, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var m in members.WithCancellation(ct))
        {
            foreach (var value in new object?[]
            {
                m.DisplayNumber, m.FirstNameEn, m.LastNameEn, m.FirstNameAr, m.LastNameAr, m.Email, m.Phone, m.Gender.ToString(),
                m.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.NationalId, m.EmergencyContactName, m.EmergencyContactPhone,
                string.Join(';', m.Tags), m.Notes, m.Language, m.Status.ToString(),
            })
            {
                csv.WriteField(value?.ToString());
            }

            await csv.NextRecordAsync();
        }
    }

    private static string? FieldFor(string header, IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.TryGetValue(header, out var mapped))
        {
            return Columns.FirstOrDefault(c => string.Equals(c, mapped, StringComparison.OrdinalIgnoreCase));
        }

        var key = HeaderKey(header);
        return Columns.FirstOrDefault(c => HeaderKey(c) == key) ?? Aliases.GetValueOrDefault(key);
    }

    /// <summary>A header folded for comparison: search-normalised, without spaces, underscores, dashes or brackets.</summary>
    private static string HeaderKey(string header) =>
        new(SearchText.Normalize(header).Where(c => c is not (' ' or '_' or '-' or '(' or ')')).ToArray());

    private static MemberCsvRow ToRow(int row, Dictionary<string, string> values)
    {
        var errors = new List<ImportRowError>();
        string? Get(string field) => values.GetValueOrDefault(field);

        var gender = Get("gender")?.Trim().ToLowerInvariant() switch
        {
            null => Gender.Unspecified,
            "m" or "male" or "ذكر" => Gender.Male,
            "f" or "female" or "أنثى" or "انثى" => Gender.Female,
            "unspecified" => Gender.Unspecified,
            _ => Invalid<Gender>("gender", "Use male or female (ذكر / أنثى)."),
        };
        DateOnly? birth = Get("dateOfBirth") is { } text
            ? DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : Invalid<DateOnly?>("dateOfBirth", "Use yyyy-MM-dd.")
            : null;
        if (Get("email") is null && Get("phone") is null)
        {
            errors.Add(new ImportRowError(row, "email", "A row needs an email or a phone, so a later import recognises the member."));
        }

        var details = new MemberDetails(
            Get("firstNameEn"), Get("lastNameEn"), Get("firstNameAr"), Get("lastNameAr"), Get("email"), Get("phone"), gender, birth, Get("nationalId"),
            Get("emergencyContactName"), Get("emergencyContactPhone"), null,
            Get("tags")?.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Get("notes"), Get("language")?.Trim().ToLowerInvariant());
        return new MemberCsvRow(row, errors.Count == 0 ? details : null, errors);

        T Invalid<T>(string field, string message)
        {
            errors.Add(new ImportRowError(row, field, message));
            return default!;
        }
    }
}
