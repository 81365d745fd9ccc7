using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;
using Npgsql;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class SignInTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task The_runbook_login_example_returns_tokens_for_the_development_admin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = new StringContent("""{"email":"admin@test.com","password":"Test123!@#"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Tenant-Id", "test-tenant");

        var response = await app.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3, tokens.AccessToken.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [Fact]
    public async Task An_owner_signs_in_with_any_letter_case_of_their_email_and_me_names_them_and_their_club()
    {
        var tenant = await app.ProvisionTenantAsync("me");

        var tokens = await app.LoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug).ToUpperInvariant(), LiyaqaAppFixture.OwnerPassword);
        using var client = app.As(tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal(LiyaqaAppFixture.OwnerEmail(tenant.Slug), me.GetProperty("email").GetString());
        Assert.Equal(["Owner"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(tenant.Slug, me.GetProperty("tenant").GetProperty("slug").GetString());
        Assert.Equal(900, tokens.ExpiresIn);
    }

    [Fact]
    public async Task Wrong_password_unknown_email_and_unknown_club_get_the_same_401()
    {
        var tenant = await app.ProvisionTenantAsync("same");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);

        var answers = new[]
        {
            await app.PostLoginAsync(tenant.Slug, owner, "Not-the-password-1"),
            await app.PostLoginAsync(tenant.Slug, "nobody@example.com", "Not-the-password-1"),
            await app.PostLoginAsync("no-such-club", owner, LiyaqaAppFixture.OwnerPassword),
        };

        var titles = new List<string?>();
        foreach (var answer in answers)
        {
            titles.Add((await answer.ReadProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        }

        Assert.Single(titles.Distinct());
        Assert.NotNull(await app.ApiLogs.WaitForLineAsync(line =>
            line.Contains("Authentication failed", StringComparison.Ordinal) && line.Contains(tenant.Slug, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sign_in_without_the_tenant_header_is_a_400_naming_it()
    {
        var response = await app.Api.PostAsJsonAsync("/api/auth/login", new { email = "a@b.co", password = "whatever-123" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("X-Tenant-Id", out _));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_the_runbook_unlock_SQL_runs()
    {
        var tenant = await app.ProvisionTenantAsync("lock");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        for (var i = 0; i < 5; i++)
        {
            await (await app.PostLoginAsync(tenant.Slug, owner, $"Wrong-password-{i}")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The right password no longer helps while locked.
        await (await app.PostLoginAsync(tenant.Slug, owner, LiyaqaAppFixture.OwnerPassword)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        await using (var sql = await app.OpenAsOwnerAsync())
        {
            var state = (await sql.QueryAsync($"SELECT locked, failed_login_attempts FROM users WHERE email = '{owner}'", r => (r.GetBoolean(0), r.GetInt32(1)))).Single();
            Assert.Equal((true, 5), state);
            await using var unlock = new NpgsqlCommand($"UPDATE users SET locked = false, failed_login_attempts = 0 WHERE email = '{owner}'", sql);
            Assert.Equal(1, await unlock.ExecuteNonQueryAsync());
        }

        await app.LoginAsync(tenant.Slug, owner, LiyaqaAppFixture.OwnerPassword);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_are_all_counted()
    {
        var tenant = await app.ProvisionTenantAsync("par");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => app.PostLoginAsync(tenant.Slug, owner, $"Wrong-password-{i}")));

        await using var sql = await app.OpenAsOwnerAsync();
        var attempts = (await sql.QueryAsync($"SELECT failed_login_attempts FROM users WHERE email = '{owner}'", r => r.GetInt32(0))).Single();
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_bcrypt_password_set_by_the_runbook_reset_SQL_signs_in_and_is_rehashed()
    {
        var tenant = await app.ProvisionTenantAsync("bcrypt");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        var bcrypt = BCrypt.Net.BCrypt.HashPassword("NewPassword123!", workFactor: 10);
        Assert.StartsWith("$2a$10$", bcrypt, StringComparison.Ordinal);

        await using var sql = await app.OpenAsOwnerAsync();
        await using (var reset = new NpgsqlCommand($"UPDATE users SET password = '{bcrypt}' WHERE email = '{owner}'", sql))
        {
            Assert.Equal(1, await reset.ExecuteNonQueryAsync());
        }

        await app.LoginAsync(tenant.Slug, owner, "NewPassword123!");

        var stored = (await sql.QueryAsync($"SELECT password FROM users WHERE email = '{owner}'", r => r.GetString(0))).Single();
        Assert.DoesNotContain("$2a$", stored, StringComparison.Ordinal);
        await app.LoginAsync(tenant.Slug, owner, "NewPassword123!");
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_checks_the_policy_and_ends_every_session()
    {
        var tenant = await app.ProvisionTenantAsync("pwd");
        var tokens = await app.LoginAsOwnerAsync(tenant);
        using var client = app.As(tokens.AccessToken);

        await (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "wrong-one-123", newPassword = "Brand-new-2026!" })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var weak = await (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = LiyaqaAppFixture.OwnerPassword, newPassword = "password123" })).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("newPassword", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = LiyaqaAppFixture.OwnerPassword, newPassword = "Brand-new-2026!" })).StatusCode);

        await (await client.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await app.LoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug), "Brand-new-2026!");
    }
}
