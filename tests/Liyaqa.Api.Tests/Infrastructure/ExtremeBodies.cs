using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// Request bodies built from the OpenAPI document with every value at an edge of its type: the smallest (empty
/// strings and lists, int.MinValue, year 1) or the largest (5,000-character strings, int.MaxValue, year 9999).
/// Ids named like a known resource (<c>memberId</c>…) are that resource, so the request reaches the rules.
/// </summary>
public sealed class ExtremeBodies(JsonElement document, IReadOnlyDictionary<string, string> idsByProperty)
{
    public enum Edge
    {
        Smallest,
        Largest,
    }

    /// <summary>The body of <paramref name="operation"/> (an OpenAPI operation object) at <paramref name="edge"/>, or null when it takes no JSON.</summary>
    public string? For(JsonElement operation, Edge edge) =>
        operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            ? Value(json.GetProperty("schema"), edge, name: null, depth: 0)?.ToJsonString()
            : null;

    private JsonNode? Value(JsonElement schema, Edge edge, string? name, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return depth > 8 ? null : Value(document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]), edge, name, depth + 1);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        var types = !schema.TryGetProperty("type", out var type) ? [] : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var smallest = edge == Edge.Smallest;
        if (schema.TryGetProperty("properties", out var properties))
        {
            var node = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                node[property.Name] = Value(property.Value, edge, property.Name, depth + 1);
            }

            return node;
        }

        return true switch
        {
            _ when types.Contains("array") => smallest ? new JsonArray() : new JsonArray(Value(schema.GetProperty("items"), edge, null, depth + 1)),
            _ when format == "uuid" => idsByProperty.TryGetValue(name ?? string.Empty, out var id) ? id : Guid.NewGuid().ToString(),
            _ when format == "date" => smallest ? "0001-01-01" : "9999-12-31",
            _ when format == "date-time" => smallest ? "0001-01-01T00:00:00Z" : "9999-12-31T23:59:59Z",
            _ when format == "time" => smallest ? "00:00:00" : "23:59:59",
            _ when types.Contains("integer") => smallest ? int.MinValue : int.MaxValue,
            _ when types.Contains("number") => smallest ? -1e15m : 1e15m,
            _ when types.Contains("boolean") => !smallest,
            _ when types.Contains("string") => smallest ? string.Empty : new string('x', 5000),
            _ => null,
        };
    }
}
