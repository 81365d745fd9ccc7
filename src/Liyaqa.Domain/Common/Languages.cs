namespace Liyaqa.Domain.Common;

/// <summary>The languages Liyaqa speaks to people: Arabic and English.</summary>
public static class Languages
{
    public const string Arabic = "ar";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Arabic, English];

    public static bool IsSupported(string? language) => language is Arabic or English;

    /// <summary>Arabic when the preference (a language tag or an Accept-Language header) starts with Arabic, otherwise English.</summary>
    public static string From(string? preference) =>
        preference?.TrimStart().StartsWith(Arabic, StringComparison.OrdinalIgnoreCase) == true ? Arabic : English;
}
