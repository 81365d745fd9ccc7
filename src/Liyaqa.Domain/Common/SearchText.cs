using System.Globalization;
using System.Text;

namespace Liyaqa.Domain.Common;

/// <summary>
/// The form in which names are stored for search and in which queries are compared with them: lower case,
/// without Latin accents or Arabic diacritics and tatweel, and with Arabic letter variants folded
/// (أ إ آ ٱ → ا, ة → ه, ى → ي), so "Sara", "sára", "احمد" and "أحمد" find the same people.
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '\u0640')
            {
                continue;
            }

            builder.Append(c switch
            {
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ة' => 'ه',
                'ى' => 'ي',
                _ => char.ToLowerInvariant(c),
            });
        }

        // FormD splits أ into ا + hamza above (a non-spacing mark), so the folding above also covers it.
        return string.Join(' ', builder.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
