using System.Net.Http.Json;
using Liyaqa.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class SessionTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task Refresh_rotates_the_token_and_a_reused_one_ends_the_whole_session()
    {
        var tenant = await app.ProvisionTenantAsync("rot");
        var first = await app.LoginAsOwnerAsync(tenant);

        var second = (await (await app.PostRefreshAsync(tenant.Slug, first.RefreshToken)).Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        // The first token comes back: it was copied, so the session (second token too) ends.
        await (await app.PostRefreshAsync(tenant.Slug, first.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.PostRefreshAsync(tenant.Slug, second.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var audit = await owner.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/audit-log?action=REFRESH_TOKEN_REUSED");
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Logout_ends_the_session_and_its_access_token_on_every_replica_but_not_the_users_other_sessions()
    {
        var tenant = await app.ProvisionTenantAsync("out");
        var tokens = await app.LoginAsOwnerAsync(tenant);
        var otherDevice = await app.LoginAsOwnerAsync(tenant);
        using var client = app.As(tokens.AccessToken);
        using var other = app.As(otherDevice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/members")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        for (var i = 0; i < 4; i++)
        {
            await (await client.SendAsync(Sessions.OnAnyReplica("/api/members"))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await app.PostRefreshAsync(tenant.Slug, tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/members")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostRefreshAsync(tenant.Slug, otherDevice.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task A_token_naming_one_club_and_another_clubs_user_is_refused_even_signed_with_the_real_key()
    {
        var a = await app.ProvisionTenantAsync("forge-a");
        var b = await app.ProvisionTenantAsync("forge-b");
        var ownerA = await app.LoginAsOwnerAsync(a);
        var ownerB = await app.LoginAsOwnerAsync(b);
        using (var clientA = app.As(ownerA.AccessToken))
        {
            await clientA.CreateMemberAsync();
        }

        // B's owner has used the API, so their state is in the cache when the forged token comes.
        using (var clientB = app.As(ownerB.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync("/api/auth/me")).StatusCode);
        }

        var forged = TokenForgery.Resign(ownerB.AccessToken, await app.SigningSecretOfAsync(ownerB.AccessToken), DateTime.UtcNow.AddMinutes(10),
            new Dictionary<string, object> { ["tid"] = a.Id.ToString(), ["tenant"] = a.Slug });
        using var attacker = app.As(forged);
        for (var i = 0; i < 4; i++)
        {
            foreach (var path in new[] { "/api/members", "/api/auth/me" })
            {
                await (await attacker.SendAsync(Sessions.OnAnyReplica(path))).ReadProblemAsync(HttpStatusCode.Unauthorized);
            }
        }
    }

    [Fact]
    public async Task Revoking_a_users_sessions_refuses_their_tokens_on_every_replica_until_they_sign_in_again()
    {
        var tenant = await app.ProvisionTenantAsync("rev");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var (staffId, staff) = await app.AddUserAsync(tenant, owner, $"desk@{tenant.Slug}.test", "FrontDesk");
        using var staffClient = app.As(staff.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.GetAsync("/api/auth/me")).StatusCode);

        using var ownerClient = app.As(owner.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.PostAsync($"/api/users/{staffId}/sessions/revoke", null)).StatusCode);

        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.ConnectionClose = true;
            await (await staffClient.SendAsync(request)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await app.PostRefreshAsync(tenant.Slug, staff.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await app.LoginAsync(tenant.Slug, $"desk@{tenant.Slug}.test", "Staff-keys-2026!");
    }

    [Fact]
    public async Task A_suspended_club_gets_403_on_calls_and_sign_in_until_it_is_reactivated()
    {
        var tenant = await app.ProvisionTenantAsync("susp");
        var tokens = await app.LoginAsOwnerAsync(tenant);
        using var client = app.As(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await app.Operator.PostAsync($"/api/platform/tenants/{tenant.Slug}/suspend", null)).StatusCode);

        var call = await (await client.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("suspended", call.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await app.PostLoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug), LiyaqaAppFixture.OwnerPassword)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await app.PostRefreshAsync(tenant.Slug, tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await app.Operator.PostAsync($"/api/platform/tenants/{tenant.Slug}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_clubs_sessions_signs_out_all_its_users_but_no_other_club()
    {
        var tenant = await app.ProvisionTenantAsync("club-rev");
        var other = await app.ProvisionTenantAsync("other");
        var tokens = await app.LoginAsOwnerAsync(tenant);
        var otherTokens = await app.LoginAsOwnerAsync(other);

        Assert.Equal(HttpStatusCode.OK, (await app.Operator.PostAsync($"/api/platform/tenants/{tenant.Slug}/sessions/revoke", null)).StatusCode);

        using var client = app.As(tokens.AccessToken);
        using var otherClient = app.As(otherTokens.AccessToken);
        await (await client.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.PostRefreshAsync(tenant.Slug, tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Rotating_the_signing_key_signs_new_tokens_with_it_and_keeps_old_tokens_valid()
    {
        var tenant = await app.ProvisionTenantAsync("keys");
        var before = await app.LoginAsOwnerAsync(tenant);

        var rotated = await (await app.Operator.PostAsync("/api/platform/signing-keys/rotate", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var newKeyId = rotated.GetProperty("keyId").GetString();

        var after = await app.LoginAsOwnerAsync(tenant);
        Assert.Equal(newKeyId, new JsonWebToken(after.AccessToken).Kid);
        Assert.NotEqual(newKeyId, new JsonWebToken(before.AccessToken).Kid);
        foreach (var token in new[] { before.AccessToken, after.AccessToken })
        {
            using var client = app.As(token);
            for (var i = 0; i < 4; i++)
            {
                // Every replica accepts both, whichever one rotated.
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
                request.Headers.ConnectionClose = true;
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Revoking_every_session_of_the_platform_refuses_all_earlier_tokens_but_not_new_sign_ins()
    {
        var a = await app.ProvisionTenantAsync("plat-a");
        var b = await app.ProvisionTenantAsync("plat-b");
        var tokensA = await app.LoginAsOwnerAsync(a);
        var tokensB = await app.LoginAsOwnerAsync(b);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Operator.PostAsync("/api/platform/sessions/revoke", null)).StatusCode);

        foreach (var (tenant, tokens) in new[] { (a, tokensA), (b, tokensB) })
        {
            using var client = app.As(tokens.AccessToken);
            await (await client.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
            await (await app.PostRefreshAsync(tenant.Slug, tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var fresh = app.As((await app.LoginAsOwnerAsync(a)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/auth/me")).StatusCode);
    }
}
