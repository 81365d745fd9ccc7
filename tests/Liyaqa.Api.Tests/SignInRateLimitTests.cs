using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class SignInRateLimitTests(LiyaqaAppFixture app)
{
    private const string StaffPassword = "Staff-keys-2026!";

    [Fact]
    public async Task Too_many_sign_ins_to_one_account_get_a_429_with_retry_after_on_every_replica()
    {
        var tenant = await app.ProvisionTenantAsync("rate");
        var owner = LiyaqaAppFixture.OwnerEmail(tenant.Slug);

        // Ten attempts in a quarter hour are allowed, spread over both replicas.
        for (var i = 0; i < 10; i++)
        {
            var answer = await app.PostLoginAsync(tenant.Slug, owner, $"Wrong-password-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        var limited = await app.PostLoginAsync(tenant.Slug, owner, LiyaqaAppFixture.OwnerPassword);

        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

        // Operators find it as the runbook greps for it: tenant, IP and endpoint on the line.
        var logged = await app.ApiLogs.WaitForLineAsync(line => line.Contains("Rate limit exceeded", StringComparison.Ordinal) && line.Contains(tenant.Slug, StringComparison.Ordinal));
        Assert.NotNull(logged);
        Assert.Contains("login", logged, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", logged, StringComparison.Ordinal);

        // Another account of the same club is not held back.
        await (await app.PostLoginAsync(tenant.Slug, $"other@{tenant.Slug}.test", "Wrong-password-x")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Successful_sign_ins_never_count_toward_the_limits()
    {
        var tenant = await app.ProvisionTenantAsync("rate-ok");

        // More than the ten per account a quarter hour, and a wrong password in between: only that one counts.
        for (var i = 0; i < 15; i++)
        {
            await app.LoginAsOwnerAsync(tenant);
        }

        await (await app.PostLoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug), "Wrong-password-1")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 10; i++)
        {
            await app.LoginAsOwnerAsync(tenant);
        }
    }

    [Fact]
    public async Task A_club_owner_unlocks_an_account_lock_and_limits_together_audited_and_only_in_their_own_club()
    {
        var tenant = await app.ProvisionTenantAsync("unlock");
        var other = await app.ProvisionTenantAsync("unlock-b");
        var owner = await app.LoginAsOwnerAsync(tenant);
        var email = $"desk@{tenant.Slug}.test";
        var (deskId, _) = await app.AddUserAsync(tenant, owner, email, "FrontDesk");
        await LockOutAsync(tenant.Slug, email, StaffPassword);

        // Another club's owner cannot reach the account.
        using (var otherOwner = app.As((await app.LoginAsOwnerAsync(other)).AccessToken))
        {
            await (await otherOwner.PostAsync($"/api/users/{deskId}/unlock", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        }

        await (await app.PostLoginAsync(tenant.Slug, email, StaffPassword)).ReadProblemAsync(HttpStatusCode.TooManyRequests);

        using var club = app.As(owner.AccessToken);
        var unlocked = await club.PostOkAsync($"/api/users/{deskId}/unlock");
        Assert.False(unlocked.GetProperty("locked").GetBoolean());
        Assert.Equal(0, unlocked.GetProperty("failedLoginAttempts").GetInt32());

        await app.LoginAsync(tenant.Slug, email, StaffPassword);
        var audit = await club.GetFromJsonAsync<JsonElement>("/api/audit-log?action=ACCOUNT_UNLOCKED");
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_operator_unlocks_a_clubs_account_by_its_email_and_the_right_password_works_at_once()
    {
        var tenant = await app.ProvisionTenantAsync("op-unlock");
        var email = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        await LockOutAsync(tenant.Slug, email, LiyaqaAppFixture.OwnerPassword);

        await (await app.Operator.PostAsJsonAsync($"/api/platform/tenants/{tenant.Slug}/users/unlock", new { email = "nobody@nowhere.test" })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await app.Operator.PostAsJsonAsync("/api/platform/tenants/no-such-club/users/unlock", new { email })).ReadProblemAsync(HttpStatusCode.NotFound);
        var unlocked = await app.Operator.PostAsJsonAsync($"/api/platform/tenants/{tenant.Slug}/users/unlock", new { email = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);

        using var club = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var audit = await club.GetFromJsonAsync<JsonElement>("/api/audit-log?action=ACCOUNT_UNLOCKED");
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Every_api_request_of_a_club_and_client_address_beyond_its_limit_gets_a_429_with_retry_after_on_every_replica()
    {
        // Both halves must fall in one window of the minute.
        var intoMinute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000;
        if (intoMinute > 30_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60_500 - intoMinute));
        }

        var created = await app.Operator.PostAsJsonAsync("/api/platform/tenants", LiyaqaAppFixture.NewTenantRequest(LiyaqaAppFixture.RequestLimitedClub, "Request-limited club"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenant = (await created.Content.ReadFromJsonAsync<TenantInfo>())!;

        // The sign-in counts too: with it, exactly the limit, spread over both replicas.
        using var club = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        for (var i = 1; i < LiyaqaAppFixture.RequestLimitedClubPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await club.SendAsync(Sessions.OnAnyReplica("/api/auth/me"))).StatusCode);
        }

        // Once the replicas have shared their counts, each refuses the next request.
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 4; i++)
        {
            var limited = await club.SendAsync(Sessions.OnAnyReplica("/api/members"));
            await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        }

        // Before sign-in the club comes from X-Tenant-Id; other clubs are not held back.
        await (await app.PostLoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug), LiyaqaAppFixture.OwnerPassword)).ReadProblemAsync(HttpStatusCode.TooManyRequests);
        var free = await app.ProvisionTenantAsync("not-limited");
        using var freeClub = app.As((await app.LoginAsOwnerAsync(free)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await freeClub.SendAsync(Sessions.OnAnyReplica("/api/members"))).StatusCode);
    }

    /// <summary>Ten wrong passwords: the account is locked and its sign-in limit reached.</summary>
    private async Task LockOutAsync(string slug, string email, string rightPassword)
    {
        for (var i = 0; i < 10; i++)
        {
            await (await app.PostLoginAsync(slug, email, $"Wrong-password-{i}")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await app.PostLoginAsync(slug, email, rightPassword)).ReadProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
