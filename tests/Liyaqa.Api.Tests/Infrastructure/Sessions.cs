using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Tests.Infrastructure;

public sealed record Tokens(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

/// <summary>Signing in as a club's user, the way a client of the API does.</summary>
public static class Sessions
{
    /// <summary>With <paramref name="onAnyReplica"/>, on a connection of its own, so successive sign-ins reach every replica.</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(this LiyaqaAppFixture app, string tenantSlug, string email, string password, bool onAnyReplica = false)
    {
        var request = WithTenant(HttpMethod.Post, "/api/auth/login", tenantSlug, new { email, password });
        request.Headers.ConnectionClose = onAnyReplica;
        return app.Api.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRefreshAsync(this LiyaqaAppFixture app, string tenantSlug, string refreshToken) =>
        app.Api.SendAsync(WithTenant(HttpMethod.Post, "/api/auth/refresh", tenantSlug, new { refreshToken }));

    public static async Task<Tokens> LoginAsync(this LiyaqaAppFixture app, string tenantSlug, string email, string password)
    {
        var response = await app.PostLoginAsync(tenantSlug, email, password);
        Assert.True(response.IsSuccessStatusCode, $"login as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    /// <summary>Signs in as the owner the club was provisioned with.</summary>
    public static Task<Tokens> LoginAsOwnerAsync(this LiyaqaAppFixture app, TenantInfo tenant) =>
        app.LoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug), LiyaqaAppFixture.OwnerPassword);

    /// <summary>A client of the API that sends <paramref name="accessToken"/>; dispose it after use.</summary>
    public static HttpClient As(this LiyaqaAppFixture app, string accessToken)
    {
        var client = app.App.CreateHttpClient(LiyaqaResources.Api);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Creates a user of the owner's club with <paramref name="roles"/> and signs them in.</summary>
    public static async Task<(Guid UserId, Tokens Tokens)> AddUserAsync(this LiyaqaAppFixture app, TenantInfo tenant, Tokens owner, string email, params string[] roles)
    {
        using var client = app.As(owner.AccessToken);
        var password = "Staff-keys-2026!";
        var created = await client.PostAsJsonAsync("/api/users", new { email, displayName = email.Split('@')[0], password, roles });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var user = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (user.GetProperty("id").GetGuid(), await app.LoginAsync(tenant.Slug, email, password));
    }

    /// <summary>A GET on a connection of its own, so successive requests reach every replica.</summary>
    public static HttpRequestMessage OnAnyReplica(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.ConnectionClose = true;
        return request;
    }

    /// <summary>A member-app account for the club's member <paramref name="memberId"/>, signed in; dispose the client after use.</summary>
    public static async Task<HttpClient> MemberAppAsync(this LiyaqaAppFixture app, TenantInfo tenant, Tokens owner, Guid memberId)
    {
        var (userId, tokens) = await app.AddUserAsync(tenant, owner, $"app-{memberId:N}@{tenant.Slug}.test", "Member");
        await using var sql = await app.OpenAsOwnerAsync();
        await using var link = new Npgsql.NpgsqlCommand($"UPDATE members SET user_id = '{userId}' WHERE id = '{memberId}'", sql);
        await link.ExecuteNonQueryAsync();
        return app.As(tokens.AccessToken);
    }

    private static HttpRequestMessage WithTenant(HttpMethod method, string path, string tenantSlug, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-Id", tenantSlug);
        return request;
    }
}
