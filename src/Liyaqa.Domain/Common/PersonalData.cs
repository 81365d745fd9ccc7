namespace Liyaqa.Domain.Common;

/// <summary>
/// How people's contact details appear in logs: enough to tell accounts apart when investigating
/// (<c>s***@example.com</c>, <c>+9665******67</c>), never the whole address or number.
/// </summary>
public static class PersonalData
{
    /// <summary>The longest masked value a log line carries; a longer one ends in "…".</summary>
    public const int MaxMaskedLength = 64;

    public static string Mask(string? contact)
    {
        if (string.IsNullOrEmpty(contact))
        {
            return string.Empty;
        }

        var at = contact.IndexOf('@', StringComparison.Ordinal);
        var masked = at > 0
            ? $"{contact[0]}***{contact[at..]}"
            : contact.Length <= 6 ? new string('*', contact.Length) : $"{contact[..5]}{new string('*', Math.Min(contact.Length - 7, MaxMaskedLength))}{contact[^2..]}";
        return masked.Length <= MaxMaskedLength ? masked : $"{masked[..(MaxMaskedLength - 1)]}…";
    }
}
