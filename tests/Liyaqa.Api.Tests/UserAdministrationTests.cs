using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class UserAdministrationTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task An_owner_creates_staff_who_are_listed_and_found_and_a_second_account_with_that_email_is_a_409()
    {
        var tenant = await app.ProvisionTenantAsync("staff");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var (staffId, _) = await app.AddUserAsync(tenant, owner, $"coach@{tenant.Slug}.test", "Trainer", "FrontDesk");
        using var client = app.As(owner.AccessToken);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/users");
        var staff = await client.GetFromJsonAsync<JsonElement>($"/api/users/{staffId}");
        var duplicate = await client.PostAsJsonAsync("/api/users", new { email = $"COACH@{tenant.Slug}.test", displayName = "Again", password = "Another-pass-2026", roles = new[] { "Trainer" } });

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(["FrontDesk", "Trainer"], staff.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await duplicate.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_new_account_needs_a_valid_email_name_roles_and_a_strong_password()
    {
        var tenant = await app.ProvisionTenantAsync("valid");
        using var client = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);

        var response = await client.PostAsJsonAsync("/api/users", new { email = "not-an-email", displayName = "", password = "1234567890", roles = Array.Empty<string>() });

        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("password", out _));
        var unknownRole = await client.PostAsJsonAsync("/api/users", new { email = $"x@{tenant.Slug}.test", displayName = "X", password = "Strong-pass-2026", roles = new[] { "Janitor" } });
        await unknownRole.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_an_owner_grants_the_owner_role_and_nobody_disables_themselves()
    {
        var tenant = await app.ProvisionTenantAsync("grant");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var (adminId, admin) = await app.AddUserAsync(tenant, owner, $"admin@{tenant.Slug}.test", "Admin");
        using var adminClient = app.As(admin.AccessToken);

        var grant = await adminClient.PostAsJsonAsync("/api/users", new { email = $"boss@{tenant.Slug}.test", displayName = "Boss", password = "Strong-pass-2026", roles = new[] { "Owner" } });
        var self = await adminClient.PostAsync($"/api/users/{adminId}/disable", null);

        await grant.ReadProblemAsync(HttpStatusCode.BadRequest);
        await self.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_or_call_the_API_until_enabled()
    {
        var tenant = await app.ProvisionTenantAsync("dis");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var email = $"desk@{tenant.Slug}.test";
        var (deskId, desk) = await app.AddUserAsync(tenant, owner, email, "FrontDesk");
        using var ownerClient = app.As(owner.AccessToken);
        using var deskClient = app.As(desk.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PostAsync($"/api/users/{deskId}/disable", null)).StatusCode);
        await (await deskClient.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.PostLoginAsync(tenant.Slug, email, "Staff-keys-2026!")).ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PostAsync($"/api/users/{deskId}/enable", null)).StatusCode);
        await app.LoginAsync(tenant.Slug, email, "Staff-keys-2026!");
    }

    [Fact]
    public async Task New_roles_end_the_old_session_and_the_next_token_carries_them()
    {
        var tenant = await app.ProvisionTenantAsync("roles");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var email = $"mgr@{tenant.Slug}.test";
        var (id, before) = await app.AddUserAsync(tenant, owner, email, "Trainer");
        using var ownerClient = app.As(owner.AccessToken);
        using var oldClient = app.As(before.AccessToken);
        await (await oldClient.GetAsync("/api/users")).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "Manager" } })).StatusCode);

        await (await oldClient.GetAsync("/api/users")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        using var newClient = app.As((await app.LoginAsync(tenant.Slug, email, "Staff-keys-2026!")).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/api/users")).StatusCode);
    }
}
