using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Liyaqa.Api.Common.Boundary;

/// <summary>
/// What every value a client sends must be before a handler or the database sees it. A string: free of characters
/// PostgreSQL cannot store or no client has reason to send (NUL and the other control characters but tab and line
/// breaks, DEL, unpaired surrogates), and no longer than its field's <see cref="MaxLengthAttribute"/> — its
/// column's length — or <see cref="DefaultMaxLength"/> in a list. A date: between <see cref="FirstDate"/> and
/// <see cref="LastDate"/>, so that no date arithmetic overflows.
/// </summary>
public static class RequestValues
{
    /// <summary>The longest column a client writes (a message template's body).</summary>
    public const int DefaultMaxLength = 5000;

    public static readonly DateOnly FirstDate = new(1900, 1, 1);
    public static readonly DateOnly LastDate = new(2999, 12, 31);

    /// <summary>Why <paramref name="value"/> is refused, or null when it is acceptable.</summary>
    public static string? Refusal(string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            return $"At most {maxLength} characters.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f' || char.IsSurrogate(c))
            {
                return $"Contains a character that is not allowed (U+{(int)c:X4}).";
            }
        }

        return null;
    }

    public static string? Refusal(DateOnly value) =>
        value < FirstDate || value > LastDate ? $"A date from {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}." : null;

    /// <summary>A query or route string: its characters, and its date when it reads as one.</summary>
    public static string? RefusalOfText(string value, int maxLength) =>
        Refusal(value, maxLength)
        ?? (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? Refusal(DateOnly.FromDateTime(date.UtcDateTime)) : null);

    /// <summary>
    /// Every object read through these options is checked once built: each string and date property, and each string
    /// or date of a list property. (A check after construction rather than converters, so that records bound through
    /// their constructor are covered and the OpenAPI schemas stay as they are.)
    /// </summary>
    public static void Apply(JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(CheckOnceRead);

    private static void CheckOnceRead(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var checks = type.Properties.Where(p => p.Get is not null && IsChecked(p.PropertyType))
            .Select(p => (Property: p, MaxLength: p.PropertyType == typeof(string) && p.AttributeProvider?.GetCustomAttributes(typeof(MaxLengthAttribute), inherit: true) is [MaxLengthAttribute limit, ..]
                ? limit.Length
                : DefaultMaxLength))
            .ToArray();
        if (checks.Length == 0)
        {
            return;
        }

        var then = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            var refused = checks
                .Select(c => (c.Property.Name, Refusal: Values(c.Property.Get!(value)).Select(v => Refusal(v, c.MaxLength)).FirstOrDefault(r => r is not null)))
                .Where(c => c.Refusal is not null)
                .ToDictionary(c => c.Name, c => new[] { c.Refusal! });
            if (refused.Count > 0)
            {
                throw new RefusedValueException(refused);
            }

            then?.Invoke(value);
        };
    }

    private static bool IsChecked(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
            || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && IsChecked(i.GetGenericArguments()[0]));
    }

    /// <summary>The values to check; a date left out of the body (its default, year 1) is left to the handler's rules.</summary>
    private static IEnumerable<object> Values(object? value) => value switch
    {
        null or DateOnly { DayNumber: 0 } or DateTimeOffset { Ticks: 0 } or DateTime { Ticks: 0 } => [],
        string or DateOnly or DateTimeOffset or DateTime => [value],
        System.Collections.IEnumerable many => many.Cast<object?>().SelectMany(Values),
        _ => [],
    };

    private static string? Refusal(object value, int maxLength) => value switch
    {
        string text => Refusal(text, maxLength),
        DateOnly date => Refusal(date),
        DateTimeOffset moment => Refusal(DateOnly.FromDateTime(moment.UtcDateTime)),
        DateTime moment => Refusal(DateOnly.FromDateTime(moment)),
        _ => null,
    };
}

/// <summary>Values of a request body broke <see cref="RequestValues"/>' rules: the refusals by JSON property name.</summary>
public sealed class RefusedValueException(IReadOnlyDictionary<string, string[]> errors) : JsonException("One or more values are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
