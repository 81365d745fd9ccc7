using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liyaqa.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>
/// Every operation in the OpenAPI document, now and as features are added: it is public only when on
/// the list below; otherwise forged, expired and missing tokens get 401, a role without the permission
/// gets 403, and a club's token asking for another club's resource gets 404.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed partial class EndpointSecurityTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    private static readonly HashSet<string> PublicOperations =
    [
        "GET /api/health", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/password-reset", "POST /api/auth/password-reset/complete",
        "POST /api/platform/auth/login", "GET /api/calendar/{tenantId}/{secret}",
    ];

    private static readonly string[] RolesWeakestFirst = ["Member", "Trainer", "FrontDesk", "Manager", "Admin", "Owner"];

    private sealed record Operation(string Method, string Path, string Policy, string[] Roles, JsonElement Definition)
    {
        public string Name => $"{Method} {Path}";

        public bool IsPlatform => Policy == "PlatformOperator";
    }

    [Fact]
    public async Task Every_operation_is_public_by_name_or_refuses_missing_forged_and_expired_tokens()
    {
        var operations = await OperationsAsync();
        var tenant = await app.ProvisionTenantAsync("sec");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var forged = await ForgedTokensAsync(owner.AccessToken);

        Assert.Contains(operations, o => o.Name == "GET /api/users/{id}");
        foreach (var operation in operations)
        {
            if (PublicOperations.Contains(operation.Name))
            {
                Assert.Equal("anonymous", operation.Policy);
                continue;
            }

            Assert.True(operation.Policy is not ("anonymous" or "none"), $"{operation.Name} is open to anyone but is not on the public list");
            var path = Fill(operation.Path, Guid.NewGuid().ToString(), "no-such-club");
            await ExpectAsync(HttpStatusCode.Unauthorized, operation, path, token: null);
            foreach (var (kind, token) in forged)
            {
                await ExpectAsync(HttpStatusCode.Unauthorized, operation, path, token, kind);
            }

            if (operation.IsPlatform)
            {
                // A club's own valid token is no operator credential.
                await ExpectAsync(HttpStatusCode.Forbidden, operation, path, owner.AccessToken, "club token");
            }
        }
    }

    [Fact]
    public async Task Every_club_operation_refuses_the_management_token_with_403()
    {
        var operations = (await OperationsAsync()).Where(o => !o.IsPlatform && !PublicOperations.Contains(o.Name)).ToList();
        var tenant = await app.ProvisionTenantAsync("mgmt");

        Assert.Contains(operations, o => o.Name == "GET /api/members");
        foreach (var operation in operations)
        {
            await ExpectAsync(HttpStatusCode.Forbidden, operation, Fill(operation.Path, Guid.NewGuid().ToString(), tenant.Slug), app.ManagementToken, "the management token");
        }
    }

    [Fact]
    public async Task Every_club_operation_refuses_roles_without_its_permission()
    {
        var operations = (await OperationsAsync()).Where(o => o.Roles.Length > 0).ToList();
        var tenant = await app.ProvisionTenantAsync("perm");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var tokens = new Dictionary<string, string>();

        foreach (var operation in operations)
        {
            var lacking = RolesWeakestFirst.FirstOrDefault(role => !operation.Roles.Contains(role));
            if (lacking is null)
            {
                continue;
            }

            if (!tokens.TryGetValue(lacking, out var token))
            {
                token = tokens[lacking] = (await app.AddUserAsync(tenant, owner, $"{lacking.ToLowerInvariant()}@{tenant.Slug}.test", lacking)).Tokens.AccessToken;
            }

            await ExpectAsync(HttpStatusCode.Forbidden, operation, Fill(operation.Path, Guid.NewGuid().ToString(), tenant.Slug), token, $"role {lacking}");
        }

        Assert.NotEmpty(tokens);
    }

    [Fact]
    public async Task Every_club_operation_on_a_resource_of_another_club_is_a_404()
    {
        // Resources addressed by id; a club's settings addressed by name (its message wordings) prove
        // their isolation in their own tests.
        var operations = (await OperationsAsync()).Where(o => o.Roles.Length > 0 && o.Path.Contains("{id}", StringComparison.Ordinal)).ToList();
        var a = await app.ProvisionTenantAsync("own-a");
        var b = await app.ProvisionTenantAsync("own-b");
        var ownerA = await app.LoginAsOwnerAsync(a);
        var memberA = (await app.AddUserAsync(a, ownerA, $"member@{a.Slug}.test", "Member")).Tokens;
        using var clientB = app.As((await app.LoginAsOwnerAsync(b)).AccessToken);
        var resourcesOfB = await ResourcesOfAsync(clientB);

        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            var kind = resourcesOfB.Keys.FirstOrDefault(prefix => operation.Path.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(kind is not null, $"{operation.Name}: add a resource of another club for this route to the test");
            var token = operation.Roles.Contains("Owner") ? ownerA.AccessToken : memberA.AccessToken;
            await ExpectAsync(HttpStatusCode.NotFound, operation, Fill(operation.Path.Replace("{id}", resourcesOfB[kind], StringComparison.Ordinal), "-", "-"), token, "other club's resource");
        }
    }

    /// <summary>A resource of the club for each kind of route; a new kind of route must add its own here.</summary>
    private static async Task<Dictionary<string, string>> ResourcesOfAsync(HttpClient club)
    {
        var branch = await club.MainBranchAsync();
        var member = (await club.CreateMemberAsync()).Id();
        var plan = (await club.CreatePlanAsync()).Id();
        await club.SetSellerDetailsAsync();
        var subscription = (await club.SellAsync(member, plan)).Id();
        var invoice = (await club.GetFromJsonAsync<JsonElement>($"/api/invoices?memberId={member}"))[0].Id();
        var payment = (await club.PostOkAsync("/api/payments", new { memberId = member, method = "Cash", amount = 10m })).Id();
        var checkIn = (await club.PostOkAsync("/api/check-ins", new { branchId = branch, memberId = member })).Id();
        var classType = (await club.PostOkAsync("/api/class-types", new { nameEn = "Yoga", nameAr = "يوغا", durationMinutes = 60, defaultCapacity = 10 })).Id();
        var session = (await club.PostOkAsync("/api/class-sessions", new { classTypeId = classType, branchId = branch, startsAt = DateTimeOffset.UtcNow.AddDays(1) })).Id();
        var booking = (await club.PostOkAsync($"/api/class-sessions/{session}/bookings", new { memberId = member })).Id();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2));
        var series = (await club.PostOkAsync("/api/class-series", new
        {
            classTypeId = classType,
            branchId = branch,
            rule = new { days = new[] { tomorrow.DayOfWeek.ToString() }, localTime = "07:00", startDate = tomorrow, endDate = tomorrow },
        })).Id();
        // A fee line: a late cancellation under a fee policy.
        var policy = JsonSerializer.SerializeToNode(await club.GetFromJsonAsync<JsonElement>("/api/booking-policy"))!.AsObject();
        (policy["lateCancelPenalty"], policy["lateCancelFee"]) = ("Fee", 10m);
        (await club.PutAsJsonAsync("/api/booking-policy", policy)).EnsureSuccessStatusCode();
        var soon = (await club.PostOkAsync("/api/class-sessions", new { classTypeId = classType, branchId = branch, startsAt = DateTimeOffset.UtcNow.AddHours(1) })).Id();
        await club.PostOkAsync($"/api/bookings/{(await club.PostOkAsync($"/api/class-sessions/{soon}/bookings", new { memberId = member })).Id()}/cancel");
        var charge = (await club.GetFromJsonAsync<JsonElement>($"/api/charges?memberId={member}"))[0].Id();
        var room = (await club.PostOkAsync("/api/rooms", new { branchId = branch, nameEn = "Studio", nameAr = "استوديو", capacity = 20 })).Id();
        var trainer = (await club.PostOkAsync("/api/users", new { email = $"trainer-{Guid.NewGuid():N}@club.test", displayName = "Coach", password = "Staff-keys-2026!", roles = new[] { "Trainer" } })).Id();
        using var csv = new MultipartFormDataContent { { new StringContent("firstNameEn,email\nSara,sara@import.test"), "file", "members.csv" } };
        var import = (await (await club.PostAsync("/api/members/imports", csv)).Content.ReadFromJsonAsync<JsonElement>()).Id();
        return new Dictionary<string, string>
        {
            ["/api/users/{id}"] = (await club.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString()!,
            ["/api/branches/{id}"] = branch.ToString(),
            ["/api/members/{id}"] = member.ToString(),
            ["/api/members/imports/{id}"] = import.ToString(),
            ["/api/membership-plans/{id}"] = plan.ToString(),
            ["/api/subscriptions/{id}"] = subscription.ToString(),
            ["/api/check-ins/{id}"] = checkIn.ToString(),
            ["/api/me/subscriptions/{id}"] = subscription.ToString(),
            ["/api/class-sessions/{id}"] = session.ToString(),
            ["/api/bookings/{id}"] = booking.ToString(),
            ["/api/class-series/{id}"] = series.ToString(),
            ["/api/charges/{id}"] = charge.ToString(),
            ["/api/invoices/{id}"] = invoice.ToString(),
            ["/api/payments/{id}"] = payment.ToString(),
            ["/api/rooms/{id}"] = room.ToString(),
            ["/api/trainers/{id}"] = trainer.ToString(),
        };
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        var document = await app.Api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var roles = method.Value.TryGetProperty("x-liyaqa-roles", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, method.Value.GetProperty("x-liyaqa-policy").GetString()!, roles, method.Value));
            }
        }

        return operations;
    }

    private async Task ExpectAsync(HttpStatusCode expected, Operation operation, string path, string? token, string kind = "no token")
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await app.Api.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{operation.Name} with {kind}: expected {(int)expected}, got {(int)response.StatusCode}");
        if (response.Content.Headers.ContentLength is > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Route parameters filled: the id and slug given, message keys with a real one, any other id with a new GUID.</summary>
    private static string Fill(string template, string id, string slug) =>
        RouteParameter().Replace(
            template.Replace("{id}", id, StringComparison.Ordinal).Replace("{slug}", slug, StringComparison.Ordinal)
                .Replace("{key}", "password-reset", StringComparison.Ordinal).Replace("{language}", "ar", StringComparison.Ordinal),
            _ => Guid.NewGuid().ToString());

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>Tokens built from a real one: expired (signed with the real key), foreign key, alg none, tampered.</summary>
    private async Task<Dictionary<string, string>> ForgedTokensAsync(string real)
    {
        var secret = await app.SigningSecretOfAsync(real);
        string Sign(byte[] key, DateTime expires) => TokenForgery.Resign(real, key, expires);

        static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var parts = real.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["tid"] = JsonSerializer.SerializeToElement(Guid.NewGuid().ToString());

        return new Dictionary<string, string>
        {
            ["expired token"] = Sign(secret, DateTime.UtcNow.AddMinutes(-5)),
            ["token of a foreign key"] = Sign(RandomNumberGenerator.GetBytes(64), DateTime.UtcNow.AddMinutes(10)),
            ["alg:none token"] = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.",
            ["tampered token"] = $"{parts[0]}.{Base64Url(JsonSerializer.Serialize(payload))}.{parts[2]}",
        };
    }
}
