namespace Liyaqa.Operations.Tests.Monitoring;

/// <summary>
/// Metric names read from PromQL expressions and from Prometheus' text exposition format, so that the names the
/// monitoring configuration uses can be compared with deploy/monitoring/metrics.txt and with a live scrape.
/// </summary>
public static class MetricNames
{
    // Words that look like identifiers but never name a metric.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "inf", "nan",
        // Aggregations can be followed by "by (…)" rather than directly by "(".
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
        "bottomk", "topk", "quantile", "limitk", "limit_ratio",
    };

    // Followed by a list of label names in parentheses.
    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    /// <summary>
    /// The metric names a PromQL expression selects: its bare identifiers that are not functions, aggregations,
    /// keywords or label names. Label matchers, strings, durations and numbers are skipped.
    /// <c>{__name__="…"}</c> selectors are not recognised: the configuration does not use them.
    /// </summary>
    public static IReadOnlySet<string> FromPromQl(string expression)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expression, i);
            }
            else if (c == '#')
            {
                i = SkipComment(expression, i);
            }
            else if (c == '{')
            {
                i = SkipGroup(expression, i, '{', '}');
            }
            else if (c == '[')
            {
                i = SkipGroup(expression, i, '[', ']');
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expression.Length && char.IsAsciiDigit(expression[i + 1])))
            {
                // Numbers and durations: 0.05, 1e3, 0x1f, 5m, 1h30m.
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] is '.' or '_'))
                {
                    i++;
                }
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < expression.Length && IsIdentifierPart(expression[i]))
                {
                    i++;
                }

                var identifier = expression[start..i];
                var next = SkipWhitespace(expression, i);
                if (LabelListKeywords.Contains(identifier))
                {
                    if (next < expression.Length && expression[next] == '(')
                    {
                        i = SkipGroup(expression, next, '(', ')');
                    }
                }
                else if (!Keywords.Contains(identifier) && (next >= expression.Length || expression[next] != '('))
                {
                    names.Add(identifier);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    /// <summary>
    /// The names of the samples in a scrape in Prometheus' text format (or OpenMetrics): a histogram shows as its
    /// <c>_bucket</c>, <c>_count</c> and <c>_sum</c> series, as metrics.txt lists it.
    /// </summary>
    public static IReadOnlySet<string> FromExposition(string scrape)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rawLine in scrape.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var end = line.IndexOfAny(['{', ' ', '\t']);
            names.Add(end < 0 ? line : line[..end]);
        }

        return names;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipComment(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>Index after the string literal that starts at <paramref name="i"/>; backticks have no escapes.</summary>
    private static int SkipString(string text, int i)
    {
        var quote = text[i++];
        while (i < text.Length && text[i] != quote)
        {
            i += quote != '`' && text[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }

    /// <summary>Index after the bracket that closes the one at <paramref name="i"/>, stepping over strings.</summary>
    private static int SkipGroup(string text, int i, char open, char close)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return i + 1;
            }

            i++;
        }

        return i;
    }
}
