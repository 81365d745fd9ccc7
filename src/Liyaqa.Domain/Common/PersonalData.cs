namespace Liyaqa.Domain.Common;

/// <summary>
/// How people's contact details appear in logs: enough to tell accounts apart when investigating
/// (<c>s***@example.com</c>, <c>+9665******67</c>), never the whole address or number.
/// </summary>
public static class PersonalData
{
    public static string Mask(string? contact)
    {
        if (string.IsNullOrEmpty(contact))
        {
            return string.Empty;
        }

        var at = contact.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return $"{contact[0]}***{contact[at..]}";
        }

        return contact.Length <= 6 ? new string('*', contact.Length) : $"{contact[..5]}{new string('*', contact.Length - 7)}{contact[^2..]}";
    }
}
