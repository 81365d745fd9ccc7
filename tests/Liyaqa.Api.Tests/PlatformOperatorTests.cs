using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class PlatformOperatorTests(LiyaqaAppFixture app)
{
    private const string DevelopmentOperator = "operator@liyaqa.local";
    private const string DevelopmentPassword = "Platform-ops-2026!";

    [Fact]
    public async Task An_operator_signs_in_and_runs_the_platform_but_is_no_user_of_any_club()
    {
        var token = await LoginAsync(DevelopmentOperator, DevelopmentPassword);
        using var client = app.As(token);

        var provisioned = await client.PostAsJsonAsync("/api/platform/tenants", LiyaqaAppFixture.NewTenantRequest($"ops-{Guid.NewGuid():N}"[..16], "Operated club"));
        Assert.Equal(HttpStatusCode.Created, provisioned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/platform/tenants")).StatusCode);

        await (await client.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/users")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_wrong_operator_password_is_a_401_and_a_club_users_credentials_do_not_work_here()
    {
        var tenant = await app.ProvisionTenantAsync("not-op");

        await (await Post(DevelopmentOperator, "Wrong-password-1")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Post(LiyaqaAppFixture.OwnerEmail(tenant.Slug), LiyaqaAppFixture.OwnerPassword)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Operators_add_operators_and_a_disabled_operator_is_signed_out()
    {
        var email = $"ops-{Guid.NewGuid():N}"[..12] + "@liyaqa.test";
        using var admin = app.As(await LoginAsync(DevelopmentOperator, DevelopmentPassword));
        var created = await admin.PostAsJsonAsync("/api/platform/operators", new { email, displayName = "Night shift", password = "Night-shift-2026!" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await admin.PostAsJsonAsync("/api/platform/operators", new { email, displayName = "Again", password = "Night-shift-2026!" })).ReadProblemAsync(HttpStatusCode.Conflict);

        using var nightShift = app.As(await LoginAsync(email, "Night-shift-2026!"));
        Assert.Equal(HttpStatusCode.OK, (await nightShift.GetAsync("/api/platform/tenants")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/platform/operators/{id}/disable", null)).StatusCode);
        await (await nightShift.GetAsync("/api/platform/tenants")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Post(email, "Night-shift-2026!")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> Post(string email, string password) =>
        app.Api.PostAsJsonAsync("/api/platform/auth/login", new { email, password });

    private async Task<string> LoginAsync(string email, string password)
    {
        var response = await Post(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
