using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>What the API refuses for every endpoint before a handler or the database sees it (docs/ARCHITECTURE.md, request flow).</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class RequestBoundaryTests(LiyaqaAppFixture app)
{
    private const string SignIn = """{"email":"x@y.z","password":"whatever-123"}""";

    [Fact]
    public async Task A_body_in_a_charset_other_than_UTF8_is_a_415_problem_and_UTF8_in_any_spelling_is_read()
    {
        var tenant = await app.ProvisionTenantAsync("charset");

        foreach (var charset in new[] { "utf-7", "iso-8859-1", "no-such-charset" })
        {
            var problem = await (await SendAsync(HttpMethod.Post, "/api/auth/login", tenant.Slug, SignIn, $"application/json; charset={charset}"))
                .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
            Assert.Contains(charset, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        foreach (var charset in new[] { "utf-8", "UTF-8", "\"UTF-8\"", "utf8" })
        {
            var response = await SendAsync(HttpMethod.Post, "/api/auth/login", tenant.Slug, SignIn, $"application/json; charset={charset}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_forbidden_character_an_over_long_string_or_an_absurd_date_is_a_400_naming_the_field_and_stores_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("bounds");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var email = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        var refusals = new (string Field, HttpMethod Method, string Path, string? Body, string? Token)[]
        {
            ("email", HttpMethod.Post, "/api/auth/login", $$"""{"email":"{{email}}\u0000","password":"x"}""", null),
            ("email", HttpMethod.Post, "/api/auth/login", $$"""{"email":"{{new string('e', 250)}}@x.test","password":"x"}""", null),
            ("password", HttpMethod.Post, "/api/auth/login", $$"""{"email":"{{email}}","password":"{{new string('p', 129)}}"}""", null),
            ("email", HttpMethod.Post, "/api/auth/password-reset", """{"email":"a\u0000@b.c"}""", null),
            ("email", HttpMethod.Post, "/api/platform/auth/login", """{"email":"a\u0007@b.c","password":"x"}""", null),
            ("subject", HttpMethod.Put, "/api/notification-templates/password-reset/en", """{"subject":"Hi\u0000","body":"b","sms":"s"}""", owner.AccessToken),
            ("notes", HttpMethod.Post, "/api/members", $$"""{"firstNameEn":"Sara","lastNameEn":"A","gender":"Female","notes":"{{new string('n', 2001)}}"}""", owner.AccessToken),
            ("tags", HttpMethod.Post, "/api/members", """{"firstNameEn":"Sara","lastNameEn":"A","gender":"Female","tags":["vip\u0001"]}""", owner.AccessToken),
            ("dateOfBirth", HttpMethod.Post, "/api/members", """{"firstNameEn":"Sara","lastNameEn":"A","gender":"Female","dateOfBirth":"0001-01-01"}""", owner.AccessToken),
            ("q", HttpMethod.Get, "/api/members?q=a%00b", null, owner.AccessToken),
            ("X-Tenant-Id", HttpMethod.Post, "/api/auth/login", SignIn, null),
        };
        var rowsBefore = await RowsOfAsync(tenant.Id);

        foreach (var (field, method, path, body, token) in refusals)
        {
            var slug = field == "X-Tenant-Id" ? new string('s', 41) : tenant.Slug;
            var problem = await (await SendAsync(method, path, slug, body, "application/json", token)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{method} {path}: {problem}");
        }

        Assert.Equal(rowsBefore, await RowsOfAsync(tenant.Id));
    }

    [Fact]
    public async Task A_user_agent_longer_than_its_audit_column_is_recorded_cut_and_the_write_succeeds()
    {
        var tenant = await app.ProvisionTenantAsync("agent");
        var body = $$"""{"email":"{{LiyaqaAppFixture.OwnerEmail(tenant.Slug)}}","password":"{{LiyaqaAppFixture.OwnerPassword}}"}""";

        var response = await SendAsync(HttpMethod.Post, "/api/auth/login", tenant.Slug, body, "application/json", userAgent: new string('a', 5000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var sql = await app.OpenAsOwnerAsync();
        var recorded = await sql.QueryAsync($"SELECT user_agent FROM audit_log WHERE tenant_id = '{tenant.Id}' AND action = 'LOGIN_SUCCESS'", r => r.GetString(0));
        Assert.Equal(new string('a', 512), Assert.Single(recorded));
    }

    [Fact]
    public async Task Every_refused_sign_in_is_logged_in_the_documented_shape_with_the_email_masked()
    {
        var tenant = await app.ProvisionTenantAsync("logged");
        var suspended = await app.ProvisionTenantAsync("logged-off");
        Assert.True((await app.Operator.PostAsync($"/api/platform/tenants/{suspended.Slug}/suspend", null)).IsSuccessStatusCode);
        var marker = Guid.NewGuid().ToString("N")[..10];
        var attempts = new (string Slug, string Path, string Email, string Reason)[]
        {
            ($"no-club-{marker}", "/api/auth/login", $"a{marker}@unknown.test", "no such club"),
            (suspended.Slug, "/api/auth/login", LiyaqaAppFixture.OwnerEmail(suspended.Slug), "club suspended"),
            (tenant.Slug, "/api/auth/login", $"b{marker}@nobody.test", "no such account"),
            (tenant.Slug, "/api/auth/login", LiyaqaAppFixture.OwnerEmail(tenant.Slug), "wrong password (1 in a row)"),
            (tenant.Slug, "/api/platform/auth/login", $"c{marker}@operators.test", "no such operator"),
        };

        foreach (var (slug, path, email, reason) in attempts)
        {
            var response = await SendAsync(HttpMethod.Post, path, slug, JsonSerializer.Serialize(new { email, password = "Wrong-keys-2026!" }), "application/json");
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path} as {email}: {(int)response.StatusCode}");
            var where = path.StartsWith("/api/platform", StringComparison.Ordinal) ? "(platform)" : slug;
            var masked = $"{email[0]}***{email[email.IndexOf('@', StringComparison.Ordinal)..]}";
            var line = await app.ApiLogs.WaitForLineAsync(l => l.Contains(masked, StringComparison.Ordinal) && l.Contains("Authentication failed", StringComparison.Ordinal));
            Assert.True(line is not null, $"no log line for {email}");
            Assert.Equal($"Authentication failed for {masked} in tenant {where}: {reason}", JsonDocument.Parse(line![line.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("Message").GetString());
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string slug, string? body, string contentType, string? token = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Tenant-Id", slug);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await app.Api.SendAsync(request);
    }

    private async Task<string> RowsOfAsync(Guid tenant)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        var counts = await sql.QueryAsync(
            $"SELECT (SELECT count(*) FROM members WHERE tenant_id = '{tenant}') || '/' || (SELECT count(*) FROM audit_log WHERE tenant_id = '{tenant}' AND action <> 'LOGIN_FAILED') || '/' || (SELECT count(*) FROM message_templates WHERE tenant_id = '{tenant}')",
            r => r.GetString(0));
        return counts.Single();
    }
}
