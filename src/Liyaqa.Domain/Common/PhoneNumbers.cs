using System.Text.RegularExpressions;

namespace Liyaqa.Domain.Common;

/// <summary>
/// Phone numbers as Liyaqa stores them: E.164 (<c>+9665XXXXXXXX</c>). Saudi numbers are accepted the way
/// people write them — <c>05…</c>, <c>5…</c>, <c>9665…</c>, <c>009665…</c>, with spaces or dashes.
/// </summary>
public static partial class PhoneNumbers
{
    public const string SaudiCountryCode = "966";

    /// <summary>The longest phone number accepted as typed (spaces, dashes, a leading 00), before normalising.</summary>
    public const int MaxInputLength = 32;

    /// <summary>The E.164 form of <paramref name="input"/>, or null when it is no phone number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = Separators().Replace(input.Trim(), string.Empty);
        digits = digits switch
        {
            _ when digits.StartsWith('+') => digits,
            _ when digits.StartsWith("00", StringComparison.Ordinal) => "+" + digits[2..],
            _ when digits.StartsWith(SaudiCountryCode, StringComparison.Ordinal) && digits.Length == 12 => "+" + digits,
            _ when digits.StartsWith("05", StringComparison.Ordinal) && digits.Length == 10 => $"+{SaudiCountryCode}{digits[1..]}",
            _ when digits.StartsWith('5') && digits.Length == 9 => $"+{SaudiCountryCode}{digits}",
            _ => digits,
        };
        return E164().IsMatch(digits) ? digits : null;
    }

    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    /// <summary>A Saudi mobile: +966 5X XXX XXXX.</summary>
    public static bool IsSaudiMobile(string? e164) => e164 is not null && SaudiMobile().IsMatch(e164);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^\+9665[0-9]{8}$")]
    private static partial Regex SaudiMobile();

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();
}
