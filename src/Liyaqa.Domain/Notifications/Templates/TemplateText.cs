using System.Text.RegularExpressions;

namespace Liyaqa.Domain.Notifications.Templates;

/// <summary>
/// The three texts of a message in one language: an email's subject and body, and the short text of an
/// SMS. Variables are written <c>{{name}}</c> and replaced by already formatted values.
/// </summary>
public sealed partial record TemplateText(string Subject, string Body, string Sms)
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 5000;
    public const int MaxSmsLength = 480;

    public TemplateText Render(IReadOnlyDictionary<string, string> values) =>
        new(Fill(Subject, values), Fill(Body, values), Fill(Sms, values));

    /// <summary>The variable names each text uses, by field (<c>subject</c>, <c>body</c>, <c>sms</c>).</summary>
    public IEnumerable<(string Field, string Variable)> Variables() =>
        new[] { ("subject", Subject), ("body", Body), ("sms", Sms) }
            .SelectMany(f => Placeholder().Matches(f.Item2).Select(m => (f.Item1, m.Groups[1].Value)));

    private static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
