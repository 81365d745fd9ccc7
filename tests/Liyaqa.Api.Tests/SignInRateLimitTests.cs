using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class SignInRateLimitTests(LiyaqaAppFixture app)
{
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
}
