using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>The API's console log as Promtail reads it: one JSON object per line, with trace, club and user, and no personal data.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class StructuredLogTests(LiyaqaAppFixture app)
{
    private static JsonElement? Json(string line) =>
        line.IndexOf('{', StringComparison.Ordinal) is var start and >= 0 ? TryParse(line[start..]) : null;

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Scope(JsonElement entry, string name) =>
        entry.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _)).Select(s => s.GetProperty(name).ToString()).FirstOrDefault()
            : null;

    [Fact]
    public async Task A_change_is_logged_as_JSON_with_its_trace_club_and_user_and_without_the_members_contact_details()
    {
        var tenant = await app.ProvisionTenantAsync("log-json");
        var owner = await app.LoginAsOwnerAsync(tenant);
        using var client = app.As(owner.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var email = $"private.person@{tenant.Slug}.test";
        var member = await client.CreateMemberAsync("Private", "Person", email: email, phone: "0551239876");

        var line = await app.ApiLogs.WaitForLineAsync(l => l.Contains("MEMBER_CREATED", StringComparison.Ordinal) && l.Contains(member.Id().ToString(), StringComparison.Ordinal));
        Assert.NotNull(line);
        var entry = Json(line!) ?? throw new Xunit.Sdk.XunitException($"not JSON: {line}");
        Assert.Equal("Information", entry.GetProperty("LogLevel").GetString());
        Assert.Matches("^[0-9a-f]{32}$", Scope(entry, "TraceId"));
        Assert.Matches("^[0-9a-f]{16}$", Scope(entry, "SpanId"));
        Assert.Equal(tenant.Id.ToString(), Scope(entry, "TenantId"));
        Assert.Equal(me.GetProperty("id").GetString(), Scope(entry, "UserId"));

        var failed = await app.PostLoginAsync(tenant.Slug, email, "wrong-password-1");
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        var refusal = await app.ApiLogs.WaitForLineAsync(l => l.Contains("Authentication failed", StringComparison.Ordinal) && l.Contains(tenant.Slug, StringComparison.Ordinal));
        Assert.Contains($"p***@{tenant.Slug}.test", refusal, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.DoesNotContain(app.ApiLogs.Lines, l => l.Contains(email, StringComparison.Ordinal) || l.Contains("551239876", StringComparison.Ordinal) || l.Contains("1023456789", StringComparison.Ordinal));
    }
}
