using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class AuditLogTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task Sign_ins_and_account_changes_are_audited_with_who_what_and_from_where()
    {
        var tenant = await app.ProvisionTenantAsync("audit");
        var ownerEmail = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        await app.PostLoginAsync(tenant.Slug, ownerEmail, "Wrong-password-1");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var (staffId, _) = await app.AddUserAsync(tenant, owner, $"pt@{tenant.Slug}.test", "Trainer");
        using var client = app.As(owner.AccessToken);
        await client.PutAsJsonAsync($"/api/users/{staffId}/roles", new { roles = new[] { "Trainer", "FrontDesk" } });

        var log = await client.GetFromJsonAsync<JsonElement>("/api/audit-log?pageSize=200");
        var entries = log.GetProperty("items").EnumerateArray().ToList();
        var actions = entries.Select(e => e.GetProperty("action").GetString()).ToList();

        Assert.Contains("TENANT_PROVISIONED", actions);
        Assert.Contains("LOGIN_FAILED", actions);
        Assert.Contains("LOGIN_SUCCESS", actions);
        Assert.Contains("USER_CREATED", actions);
        var roleChange = entries.Single(e => e.GetProperty("action").GetString() == "ROLE_CHANGED");
        Assert.Equal(ownerEmail, roleChange.GetProperty("email").GetString());
        Assert.Equal(staffId.ToString(), roleChange.GetProperty("entityId").GetString());
        Assert.False(string.IsNullOrEmpty(roleChange.GetProperty("ipAddress").GetString()));
        Assert.Equal(["FrontDesk", "Trainer"], roleChange.GetProperty("details").GetProperty("to").EnumerateArray().Select(r => r.GetString()));
        var failed = entries.First(e => e.GetProperty("action").GetString() == "LOGIN_FAILED");
        Assert.Equal(ownerEmail, failed.GetProperty("email").GetString());

        var onlyFailures = await client.GetFromJsonAsync<JsonElement>("/api/audit-log?action=login_failed");
        Assert.All(onlyFailures.GetProperty("items").EnumerateArray(), e => Assert.Equal("LOGIN_FAILED", e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_club_never_sees_another_clubs_audit_entries()
    {
        var a = await app.ProvisionTenantAsync("aud-a");
        var b = await app.ProvisionTenantAsync("aud-b");
        await app.LoginAsOwnerAsync(b);
        using var client = app.As((await app.LoginAsOwnerAsync(a)).AccessToken);

        var log = await client.GetFromJsonAsync<JsonElement>("/api/audit-log?pageSize=200");

        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("email").GetString() == LiyaqaAppFixture.OwnerEmail(b.Slug));
    }

    [Fact]
    public async Task The_runbook_audit_queries_find_repeated_failures_and_recent_admin_actions()
    {
        var tenant = await app.ProvisionTenantAsync("rb");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        for (var i = 0; i < 6; i++)
        {
            await app.PostLoginAsync(tenant.Slug, owner, $"Wrong-password-{i}");
        }

        await using var sql = await app.OpenAsOwnerAsync();
        var suspicious = await sql.QueryAsync(
            """
            SELECT email, COUNT(*) as failed_attempts, MAX(created_at) as last_attempt
            FROM audit_log
            WHERE action = 'LOGIN_FAILED' AND created_at > NOW() - INTERVAL '1 hour'
            GROUP BY email
            HAVING COUNT(*) > 5
            ORDER BY failed_attempts DESC;
            """,
            r => (Email: r.GetString(0), Count: r.GetInt64(1)));
        var recent = await sql.QueryAsync(
            """
            SELECT u.email, a.action, a.created_at
            FROM audit_log a
            JOIN users u ON a.user_id = u.id
            WHERE a.created_at > NOW() - INTERVAL '24 hours'
            ORDER BY a.created_at DESC
            LIMIT 50;
            """,
            r => (Email: r.GetString(0), Action: r.GetString(1)));

        Assert.Contains(suspicious, s => s.Email == owner && s.Count >= 6);
        Assert.NotEmpty(recent);
    }
}
