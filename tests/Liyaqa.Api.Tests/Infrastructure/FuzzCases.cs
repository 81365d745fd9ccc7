using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>One hostile request: a body (or none) sent with a content type and extra headers.</summary>
public sealed record FuzzCase(string Name, string? Body, string? ContentType = FuzzCases.Json, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Requests built from the OpenAPI document that a careless or hostile client sends: for every JSON operation a
/// typical body, bodies at the edges of their types, wrong shapes, unsupported charsets and oversized headers,
/// and each field in turn replaced by a NUL, a control character, a lone surrogate, a string at and over the
/// field's <c>maxLength</c>, a value of the wrong type, edge numbers, dates and ids. Ids named like a known
/// resource (<c>memberId</c>…) are that resource, so the typical body reaches the rules and the database.
/// </summary>
public sealed class FuzzCases(JsonElement document, IReadOnlyDictionary<string, string> idsByProperty)
{
    public const string Json = "application/json; charset=utf-8";

    /// <summary>Field mutations per operation beyond the shapes every operation gets.</summary>
    private const int MaxFieldCases = 45;

    /// <summary>Serialized as an escaped lone high surrogate, which no JSON writer produces on its own.</summary>
    private const string LoneSurrogate = "LONE-SURROGATE-\u2603";

    private static readonly string Megabyte = new('m', 1 << 20);

    /// <summary>The string properties of request bodies that declare no <c>maxLength</c> (every one should).</summary>
    public SortedSet<string> UnboundedStrings { get; } = [];

    /// <summary>The cases for <paramref name="operation"/> (an OpenAPI operation object); none when it takes no JSON.</summary>
    public IReadOnlyList<FuzzCase> For(JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var requestBody) || !requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
        {
            return [];
        }

        var schema = json.GetProperty("schema");
        var typical = Value(schema, Edge.Typical, null, 0) ?? new JsonObject();
        var text = typical.ToJsonString();
        var cases = new List<FuzzCase>
        {
            new("typical", text),
            new("smallest", Value(schema, Edge.Smallest, null, 0)?.ToJsonString() ?? "{}"),
            new("largest", Value(schema, Edge.Largest, null, 0)?.ToJsonString() ?? "{}"),
            new("empty object", "{}"),
            new("array", "[]"),
            new("null", "null"),
            new("a string", "\"text\""),
            new("a number", "-1e400"),
            new("truncated", text[..^1]),
            new("nested 200 deep", new string('[', 200) + new string(']', 200)),
            new("byte order mark", "\uFEFF" + text),
            new("charset utf-7", text, "application/json; charset=utf-7"),
            new("charset latin-1", text, "application/json; charset=iso-8859-1"),
            new("unknown charset", text, "application/json; charset=no-such-charset"),
            new("plain text", text, "text/plain"),
            new("user agent of 8,000 characters", text, Headers: new Dictionary<string, string> { ["User-Agent"] = new('u', 8000) }),
            new("idempotency key of 5,000 characters", text, Headers: new Dictionary<string, string> { ["Idempotency-Key"] = new('k', 5000) }),
            new("empty", string.Empty),
            new("blank", " \r\n\t "),
            new("comment", "/* x */" + text),
            new("trailing comma", text[..^1] + ",}"),
            new("single quotes", "{'a':'b'}"),
            new("NaN", "NaN"),
            new("unknown property with a NUL", "{\"zz\u0000\":\"a\\u0000b\"," + text[1..]),
            new("duplicate property", text[..^1] + (text.Length > 2 ? "," : string.Empty) + text[1..]),
            new("10,000 properties", "{" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"p{i}\":{i}")) + "}"),
            new("object nested 200 deep", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
            new("charset utf-16", text, "application/json; charset=utf-16"),
            new("charset quoted upper case", text, "application/json; charset=\"UTF-8\""),
            new("no content type", text, ContentType: null),
            new("XML", "<a/>", "application/xml"),
        };

        var leaves = new List<(List<object> Path, JsonElement Schema, string Name)>();
        Leaves(schema, [], null, 0, leaves);
        var byKind = leaves.Select(leaf => Mutations(leaf.Schema, leaf.Name).Select(m => (leaf.Path, leaf.Name, m.Kind, m.Value)).ToList()).ToList();
        var fieldCases = new List<FuzzCase>();
        for (var round = 0; fieldCases.Count < MaxFieldCases && byKind.Any(k => k.Count > round); round++)
        {
            foreach (var (path, name, kind, value) in byKind.Where(k => k.Count > round).Select(k => k[round]))
            {
                fieldCases.Add(new FuzzCase($"{name}: {kind}", With(typical, path, value)));
            }
        }

        fieldCases = [.. fieldCases.Take(MaxFieldCases)];
        var firstString = leaves.FirstOrDefault(l => Types(Resolve(l.Schema)).Contains("string") && !Resolve(l.Schema).TryGetProperty("format", out _));
        if (firstString.Path is not null)
        {
            fieldCases.Add(new FuzzCase($"{firstString.Name}: 1 MB", With(typical, firstString.Path, Megabyte)));
        }

        return [.. cases, .. fieldCases];
    }

    private enum Edge
    {
        Typical,
        Smallest,
        Largest,
    }

    private JsonNode? Value(JsonElement schema, Edge edge, string? name, int depth)
    {
        schema = Resolve(schema);
        if (depth > 8)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values.EnumerateArray().First(v => v.ValueKind != JsonValueKind.Null).GetRawText());
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            var node = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                node[property.Name] = Value(property.Value, edge, property.Name, depth + 1);
            }

            return node;
        }

        var types = Types(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var maxLength = schema.TryGetProperty("maxLength", out var max) ? max.GetInt32() : 5000;
        return (edge, true) switch
        {
            _ when types.Contains("array") => edge == Edge.Smallest ? new JsonArray() : new JsonArray(Value(schema.GetProperty("items"), edge, null, depth + 1)),
            _ when format == "uuid" => idsByProperty.TryGetValue(name ?? string.Empty, out var id) ? id : Guid.NewGuid().ToString(),
            (Edge.Typical, _) when format == "date" => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            (Edge.Typical, _) when format == "date-time" => DateTimeOffset.UtcNow.AddDays(3).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            (Edge.Typical, _) when format == "time" => name is "closes" or "accessUntil" ? "21:00:00" : "07:30:00",
            (Edge.Typical, _) when types.Contains("integer") || types.Contains("number") => name is "visits" or "classCredits" ? null : 30,
            (Edge.Typical, _) when types.Contains("boolean") => false,
            (Edge.Typical, _) when types.Contains("string") => Typical(name ?? string.Empty),
            _ when format == "date" => edge == Edge.Smallest ? "0001-01-01" : "9999-12-31",
            _ when format == "date-time" => edge == Edge.Smallest ? "0001-01-01T00:00:00Z" : "9999-12-31T23:59:59Z",
            _ when format == "time" => edge == Edge.Smallest ? "00:00:00" : "23:59:59",
            _ when types.Contains("integer") => edge == Edge.Smallest ? int.MinValue : int.MaxValue,
            _ when types.Contains("number") => edge == Edge.Smallest ? -1e15m : 1e15m,
            _ when types.Contains("boolean") => edge == Edge.Largest,
            _ when types.Contains("string") => edge == Edge.Smallest ? string.Empty : new string('x', maxLength),
            _ => null,
        };
    }

    /// <summary>A value of a string property that its rules accept, so the typical body reaches the database.</summary>
    private static JsonNode? Typical(string name) => name.ToLowerInvariant() switch
    {
        "membernumber" or "qrtoken" => null,
        var n when n.Contains("email", StringComparison.Ordinal) => $"fuzz-{Guid.NewGuid():N}@example.test",
        var n when n.Contains("phone", StringComparison.Ordinal) => ClubData.NextMobile(),
        var n when n.Contains("password", StringComparison.Ordinal) => "Fuzz-keys-2026!",
        "timezone" => "Asia/Riyadh",
        "currency" => "SAR",
        "language" => "ar",
        "color" => "#336699",
        "slug" => $"fz-{Guid.NewGuid():N}"[..12],
        "nationalid" => "1023456789",
        "photourl" => "https://example.test/coach.jpg",
        _ => "Fuzz value 1",
    };

    /// <summary>Every value of the typical body that is not an object, with the path to it.</summary>
    private void Leaves(JsonElement schema, List<object> path, string? name, int depth, List<(List<object>, JsonElement, string)> leaves)
    {
        schema = Resolve(schema);
        if (depth > 8)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                Leaves(property.Value, [.. path, property.Name], property.Name, depth + 1, leaves);
            }

            return;
        }

        var types = Types(schema);
        if (path is [.., string] && types.Contains("string") && !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("format", out _) && !schema.TryGetProperty("maxLength", out _))
        {
            UnboundedStrings.Add(string.Join('.', path));
        }

        leaves.Add((path, schema, string.Join('.', path.Select(p => p is int ? "[0]" : p))));
        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            Leaves(items, [.. path, 0], name, depth + 1, leaves);
        }
    }

    /// <summary>What replaces one value, most telling first.</summary>
    private IEnumerable<(string Kind, JsonNode? Value)> Mutations(JsonElement schema, string name)
    {
        schema = Resolve(schema);
        var types = Types(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (schema.TryGetProperty("enum", out _))
        {
            return [("unknown value", "NoSuchValue"), ("number", 99999), ("null", null), ("empty", string.Empty)];
        }

        if (types.Contains("array"))
        {
            return [("empty list", new JsonArray()), ("null", null), ("object", new JsonObject()), ("list of strings", new JsonArray("a\u0000b", "x"))];
        }

        return format switch
        {
            "uuid" => [("empty id", Guid.Empty.ToString()), ("not an id", "not-an-id\u0000"), ("unknown id", Guid.NewGuid().ToString()), ("number", 12), ("null", null)],
            "date" or "date-time" => [("year 1", "0001-01-01"), ("year 9999", "9999-12-31"), ("30 February", "2026-02-30"), ("NUL", "2026\u000001-01"), ("number", 20260101), ("null", null)],
            "time" => [("25 o'clock", "25:00"), ("NUL", "07:00\u0000"), ("number", 7), ("null", null)],
            _ when types.Contains("integer") => [("largest", int.MaxValue), ("smallest", int.MinValue), ("zero", 0), ("-1", -1), ("too large", JsonNode.Parse("1e300")), ("fraction", 1.5), ("string", "12"), ("null", null)],
            _ when types.Contains("number") => [("huge", JsonNode.Parse("1e300")), ("below a halala", 0.001m), ("negative", -0.01m), ("largest decimal", decimal.MaxValue), ("zero", 0), ("string", "1"), ("null", null)],
            _ when types.Contains("boolean") => [("string", "true"), ("number", 1), ("null", null)],
            _ when types.Contains("string") => StringMutations(schema, name),
            _ => [("null", null), ("string", "x")],
        };
    }

    private static IEnumerable<(string, JsonNode?)> StringMutations(JsonElement schema, string name)
    {
        var maxLength = schema.TryGetProperty("maxLength", out var max) ? max.GetInt32() : 5000;
        var email = name.Contains("email", StringComparison.OrdinalIgnoreCase);
        string Long(int length) => email && length > 10 ? new string('e', length - 10) + "@fuzz.test" : new string('x', length);
        return
        [
            ("NUL", email ? "fuzz\u0000@example.test" : "a\u0000b"),
            ($"{maxLength + 1} characters", Long(maxLength + 1)),
            ($"{maxLength} characters", Long(maxLength)),
            ("control character", "a\u0007\u001bb"),
            ("lone surrogate", LoneSurrogate),
            ("number", 12),
            ("object", new JsonObject()),
            ("null", null),
            ("blank", "   "),
            ("Arabic and emoji", "سارة 😀 \u202e"),
        ];
    }

    private static string With(JsonNode typical, List<object> path, JsonNode? value)
    {
        var root = typical.DeepClone();
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = step is int index ? parent!.AsArray()[index] : parent!.AsObject()[(string)step];
        }

        if (path[^1] is int last)
        {
            parent!.AsArray()[last] = value;
        }
        else
        {
            parent!.AsObject()[(string)path[^1]] = value;
        }

        return root.ToJsonString().Replace(JsonSerializer.Serialize(LoneSurrogate), "\"\\ud800x\"", StringComparison.Ordinal);
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            }
            else if ((schema.TryGetProperty("oneOf", out var choices) || schema.TryGetProperty("anyOf", out choices) || schema.TryGetProperty("allOf", out choices))
                && choices.EnumerateArray().FirstOrDefault(c => !IsNull(c)) is { ValueKind: JsonValueKind.Object } choice)
            {
                schema = choice;
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    private static bool IsNull(JsonElement schema) => schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static List<string?> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? [] : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
}
