using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed partial class PasswordResetTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task A_reset_link_is_queued_as_an_email_and_sets_a_new_password_once_ending_every_session()
    {
        var tenant = await app.ProvisionTenantAsync("reset");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        var before = await app.LoginAsOwnerAsync(tenant);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/auth/password-reset", tenant.Slug, new { email = owner.ToUpperInvariant() })).StatusCode);

        var queued = Assert.Single(await QueuedAsync(owner));
        Assert.Equal(("email", "password-reset", "en"), (queued.Channel, queued.Template, queued.Language));
        var mail = await app.WaitForMailToAsync(owner);
        Assert.Equal($"Reset your {tenant.Name} password", mail.Subject);
        var token = ResetToken().Match(mail.TextBody!).Groups[1].Value;

        var weak = await PostAsync("/api/auth/password-reset/complete", tenant.Slug, new { token, newPassword = "1234567890" });
        await weak.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("/api/auth/password-reset/complete", tenant.Slug, new { token, newPassword = "Fresh-start-2026" })).StatusCode);

        await app.LoginAsync(tenant.Slug, owner, "Fresh-start-2026");
        await (await app.PostLoginAsync(tenant.Slug, owner, LiyaqaAppFixture.OwnerPassword)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        using var old = app.As(before.AccessToken);
        await (await old.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.PostRefreshAsync(tenant.Slug, before.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        // Single use.
        var again = await PostAsync("/api/auth/password-reset/complete", tenant.Slug, new { token, newPassword = "Another-start-2026" });
        Assert.True((await again.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_202_and_no_email()
    {
        var tenant = await app.ProvisionTenantAsync("reset-x");
        var nobody = $"nobody@{tenant.Slug}.test";

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/auth/password-reset", tenant.Slug, new { email = nobody })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/auth/password-reset", "no-such-club", new { email = nobody })).StatusCode);

        Assert.Empty(await QueuedAsync(nobody));
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_an_Arabic_request_gets_an_Arabic_email()
    {
        var tenant = await app.ProvisionTenantAsync("reset-ar");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset") { Content = JsonContent.Create(new { email = owner }) };
        request.Headers.Add("X-Tenant-Id", tenant.Slug);
        request.Headers.AcceptLanguage.ParseAdd("ar-SA");
        await app.Api.SendAsync(request);

        var message = Assert.Single(await QueuedAsync(owner));
        Assert.Equal("ar", message.Language);
        var mail = await app.WaitForMailToAsync(owner);
        Assert.Equal($"إعادة تعيين كلمة المرور - {tenant.Name}", mail.Subject);
        Assert.Contains("لتعيين كلمة مرور جديدة لحسابك", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("لتعيين كلمة مرور جديدة لحسابك", mail.HtmlBody, StringComparison.Ordinal);

        await using (var sql = await app.OpenAsOwnerAsync())
        {
            await using var expire = new Npgsql.NpgsqlCommand($"UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute' WHERE tenant_id = '{tenant.Id}'", sql);
            await expire.ExecuteNonQueryAsync();
        }

        var token = ResetToken().Match(mail.TextBody!).Groups[1].Value;
        await (await PostAsync("/api/auth/password-reset/complete", tenant.Slug, new { token, newPassword = "Fresh-start-2026" })).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_club_provisioned_without_an_owner_password_invites_the_owner_by_email()
    {
        var slug = $"invite-{Guid.NewGuid():N}"[..20];
        var owner = LiyaqaAppFixture.OwnerEmail(slug);
        var provisioned = await app.Operator.PostAsJsonAsync("/api/platform/tenants", new { slug, name = "Invited club", ownerName = "Noura", ownerEmail = owner });
        Assert.Equal(HttpStatusCode.Created, provisioned.StatusCode);

        // No password works until the owner chooses one through the invitation.
        await (await app.PostLoginAsync(slug, owner, "")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("staff-invitation", Assert.Single(await QueuedAsync(owner)).Template);
        var invitation = await app.WaitForMailToAsync(owner);
        Assert.Equal("Invited club", invitation.From.Mailboxes.Single().Name);
        Assert.Contains("Noura", invitation.TextBody, StringComparison.Ordinal);
        var token = ResetToken().Match(invitation.TextBody!).Groups[1].Value;

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("/api/auth/password-reset/complete", slug, new { token, newPassword = "Chosen-by-me-2026" })).StatusCode);
        await app.LoginAsync(slug, owner, "Chosen-by-me-2026");
    }

    private Task<HttpResponseMessage> PostAsync(string path, string tenantSlug, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-Id", tenantSlug);
        return app.Api.SendAsync(request);
    }

    /// <summary>The outbox rows for <paramref name="recipient"/>, read as the operator's runbook does.</summary>
    private async Task<List<(string Status, string Channel, string Template, string Language, string Subject, string Body)>> QueuedAsync(string recipient)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        return await sql.QueryAsync(
            $"SELECT status, channel, template_key, language, subject, body FROM notification_queue WHERE recipient = '{recipient}'",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));
    }

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ResetToken();
}
