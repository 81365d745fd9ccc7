using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

public sealed partial class EndpointSecurityTests
{
    /// <summary>Audit rows a refused sign-in writes on purpose: the record of the refusal, not a half-write.</summary>
    private const string RefusalAudits = "'LOGIN_FAILED', 'ACCOUNT_LOCKED', 'REFRESH_TOKEN_REUSED'";

    [Fact]
    public async Task Every_operation_answers_hostile_requests_with_a_problem_never_a_5xx_and_stores_nothing_it_refused()
    {
        // What a careless or hostile client sends, built from the OpenAPI document: at least 30 bodies per JSON
        // operation (wrong shapes, edge values, NUL and control characters, strings at and over each field's
        // limit, unsupported charsets, oversized headers), hostile query and route strings, and URLs and headers
        // beyond the server's limits. Club operations are sent as the club's owner (its member for the member
        // app), public ones anonymously. Every answer is a 2xx or a 4xx problem, and after each request the
        // club's row counts, table by table, changed only if the answer was a 2xx.
        var operations = (await OperationsAsync()).Where(o => o.Name != "POST /api/auth/logout").ToList();
        var tenant = await app.ProvisionTenantAsync("fuzz");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var member = (await app.AddUserAsync(tenant, owner, $"member@{tenant.Slug}.test", "Member")).Tokens;
        using var club = app.As(owner.AccessToken);
        var resources = await ResourcesOfAsync(club);
        // Account operations act on a colleague: revoking the owner's own sessions would end the test's token.
        resources["/api/users/{id}"] = (await app.AddUserAsync(tenant, owner, $"desk@{tenant.Slug}.test", "FrontDesk")).UserId.ToString();
        var document = await app.Api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var cases = new FuzzCases(document, new Dictionary<string, string>
        {
            ["branchId"] = resources["/api/branches/{id}"],
            ["homeBranchId"] = resources["/api/branches/{id}"],
            ["classTypeId"] = (await club.GetFromJsonAsync<JsonElement>("/api/class-types"))[0].GetProperty("id").GetString()!,
            ["memberId"] = resources["/api/members/{id}"],
            ["planId"] = resources["/api/membership-plans/{id}"],
            ["roomId"] = resources["/api/rooms/{id}"],
            ["trainerId"] = resources["/api/trainers/{id}"],
        });
        // The member import the resources queued adds its member on its own: done before counting starts.
        for (var wait = Stopwatch.StartNew(); (await club.GetFromJsonAsync<JsonElement>($"/api/members/imports/{resources["/api/members/imports/{id}"]}"))
            .GetProperty("status").GetString() is not ("Completed" or "Failed");)
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "the member import did not finish");
            await Task.Delay(250);
        }

        await using var sql = await app.OpenAsOwnerAsync();
        var rowCounts = await RowCountQueryAsync(sql, tenant.Id);
        var rows = await CountRowsAsync(sql, rowCounts);
        var failures = new List<string>();
        var (sent, created, fewestBodies) = (0, 0, int.MaxValue);
        var clock = Stopwatch.StartNew();

        // Scheduled jobs write on their own (reminders, no-shows): paused, every change of row counts is a request's.
        Assert.True((await app.Operator.PostAsync("/api/platform/maintenance/pause", null)).IsSuccessStatusCode);
        try
        {
            foreach (var operation in operations)
            {
                var anonymous = PublicOperations.Contains(operation.Name);
                var token = anonymous ? null : operation.Roles.Contains("Owner") || operation.Roles.Length == 0 ? owner.AccessToken : member.AccessToken;
                var kind = resources.Keys.FirstOrDefault(prefix => operation.Path.StartsWith(prefix, StringComparison.Ordinal));
                var template = kind is null ? operation.Path : operation.Path.Replace("{id}", resources[kind], StringComparison.Ordinal);
                var path = Fill(template, Guid.NewGuid().ToString(), tenant.Slug);
                var bodies = cases.For(operation.Definition);
                if (bodies.Count > 0)
                {
                    fewestBodies = Math.Min(fewestBodies, bodies.Count);
                }

                var requests = bodies.Select(c => (c, path))
                    .Concat(HostileUrls(operation, template, tenant.Slug).Select(url => (new FuzzCase($"URL {url[..Math.Min(url.Length, 80)]}", null), url)));
                var statuses = new SortedDictionary<int, int>();
                var typical = "none";
                foreach (var (fuzz, url) in requests)
                {
                    var response = await SendAsync(operation.Method, url, fuzz, token, tenant.Slug);
                    sent++;
                    var after = await CountRowsAsync(sql, rowCounts);
                    var changed = after.Where(t => rows[t.Key] != t.Value).Select(t => $"{t.Key} {rows[t.Key]}→{t.Value}").ToList();
                    rows = after;
                    var status = (int)response.StatusCode;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (fuzz.Name == "typical")
                    {
                        typical = status >= 400 ? $"{status} {Clip(await response.Content.ReadAsStringAsync())}" : $"{status}";
                    }
                    created += status == 201 ? 1 : 0;
                    var problem = status < 400 || response.Content.Headers.ContentLength is 0 || response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                    var what = $"{operation.Name} [{fuzz.Name}]: {status}";
                    if (status >= 500 || !problem || (token is not null && status == 401))
                    {
                        failures.Add($"{what} {response.Content.Headers.ContentType?.MediaType} {Clip(await response.Content.ReadAsStringAsync())}");
                    }
                    else if (status >= 300 && changed.Count > 0)
                    {
                        failures.Add($"{what} but rows changed: {string.Join(", ", changed)}");
                    }
                }

                output.WriteLine($"{operation.Name} (typical body {typical}): {string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}"))}");
            }
        }
        finally
        {
            await app.Operator.PostAsync("/api/platform/maintenance/resume", null);
        }

        foreach (var (what, status, head) in BeyondServerLimits(owner.AccessToken))
        {
            sent++;
            var answer = await SendRawAsync(head);
            if (answer.Status != status || answer.ContentType != "application/problem+json")
            {
                failures.Add($"{what}: expected a {status} problem, got {answer.Status} {answer.ContentType} {answer.Error}");
            }
        }

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F0} s, {created} created, {failures.Count} failures (5xx, non-problem answers or half-writes)");
        if (fewestBodies < 30)
        {
            failures.Add($"an operation got only {fewestBodies} bodies from the OpenAPI document");
        }

        if (cases.UnboundedStrings.Count > 0)
        {
            failures.Add($"request strings without a maxLength: {string.Join(", ", cases.UnboundedStrings)}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures of {sent} requests:\n{string.Join('\n', failures)}");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, FuzzCase fuzz, string? token, string slug)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("X-Tenant-Id", slug);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in fuzz.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (fuzz.Body is not null || method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(fuzz.Body ?? "{}"));
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        return await app.Api.SendAsync(request);
    }

    /// <summary>The operation's URL with each query parameter, and each route parameter that is not an id, made hostile.</summary>
    private static IEnumerable<string> HostileUrls(Operation operation, string template, string slug)
    {
        string[] values = ["a%00b", "a%07%1Bb", "%ED%A0%80", new('q', 5000), "-1", "99999999999999999999", "0001-01-01", "%25%00%ff"];
        var parameters = operation.Definition.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        foreach (var parameter in parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var at = parameter.GetProperty("in").GetString();
            var isId = parameter.TryGetProperty("schema", out var schema) && schema.TryGetProperty("format", out var format) && format.GetString() == "uuid";
            foreach (var value in values)
            {
                if (at == "query")
                {
                    yield return $"{Fill(template, Guid.NewGuid().ToString(), slug)}?{name}={value}";
                }
                else if (at == "path" && !isId && template.Contains($"{{{name}}}", StringComparison.Ordinal) && value.Length < 100)
                {
                    yield return Fill(template.Replace($"{{{name}}}", value, StringComparison.Ordinal), Guid.NewGuid().ToString(), slug);
                }
            }
        }
    }

    /// <summary>Requests Kestrel refuses unless told otherwise: a 1 MB query string, an 80 KB header, 300 headers.</summary>
    private static IEnumerable<(string What, int Status, string Head)> BeyondServerLimits(string token)
    {
        var auth = $"Authorization: Bearer {token}\r\n";
        yield return ("1 MB query string", 414, $"GET /api/members?search={new string('q', 1 << 20)} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n");
        yield return ("16 KB query string", 414, $"GET /api/members?search={new string('q', 16 << 10)} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n");
        yield return ("80 KB header", 431, $"GET /api/members HTTP/1.1\r\nHost: localhost\r\n{auth}X-Padding: {new string('h', 80 << 10)}\r\nConnection: close\r\n\r\n");
        yield return ("300 headers", 431, $"GET /api/members HTTP/1.1\r\nHost: localhost\r\n{auth}{string.Concat(Enumerable.Range(0, 300).Select(i => $"X-H{i}: {i}\r\n"))}Connection: close\r\n\r\n");
        yield return ("1 MB query string on sign-in", 414, $"POST /api/auth/login?x={new string('q', 1 << 20)} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}");
    }

    /// <summary>Sends a request as raw HTTP/1.1 (HttpClient refuses URLs this long) and reads the answer's status and content type.</summary>
    private async Task<(int Status, string? ContentType, string? Error)> SendRawAsync(string head)
    {
        var address = app.Api.BaseAddress!;
        Assert.Equal("http", address.Scheme);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(address.Host, address.Port);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var answer = await reader.ReadToEndAsync();
            var lines = answer.Split("\r\n");
            var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var parsed) ? parsed : 0;
            var contentType = lines.FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Split(';')[0].Trim();
            return (status, contentType, status == 0 ? Clip(answer) : null);
        }
        catch (IOException e)
        {
            return (0, null, e.Message);
        }
    }

    /// <summary>One query counting the club's rows in every tenant-owned table (refused sign-ins' own audit rows apart).</summary>
    private static async Task<string> RowCountQueryAsync(Npgsql.NpgsqlConnection sql, Guid tenant)
    {
        var tables = await sql.QueryAsync(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name", r => r.GetString(0));
        Assert.Contains("members", tables);
        return string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}', count(*) FROM \"{t}\" WHERE tenant_id = '{tenant}'{(t == "audit_log" ? $" AND action NOT IN ({RefusalAudits})" : string.Empty)}"));
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(Npgsql.NpgsqlConnection sql, string query) =>
        (await sql.QueryAsync(query, r => (Table: r.GetString(0), Rows: r.GetInt64(1)))).ToDictionary(t => t.Table, t => t.Rows);

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
