using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Tests;

/// <summary>
/// Redis holds caches and counters only. Tests of the shared fixture run one at a time (one collection), so
/// stopping Redis here disturbs no other test; it is started again before the test ends.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class CacheOutageTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task With_Redis_down_sign_in_reads_writes_sign_out_and_key_rotation_go_on_and_sign_in_stays_limited()
    {
        var tenant = await app.ProvisionTenantAsync("no-redis");
        var before = await app.LoginAsOwnerAsync(tenant);
        string rotatedKey;
        await app.ExecuteResourceCommandAsync(LiyaqaResources.Cache, KnownResourceCommands.StopCommand);
        try
        {
            await WaitForCacheAsync(status => status != "UP");
            var during = await app.LoginAsOwnerAsync(tenant);
            using var client = app.As(during.AccessToken);
            using var earlier = app.As(before.AccessToken);
            var member = await client.CreateMemberAsync();
            var rotation = await app.Operator.PostAsync("/api/platform/signing-keys/rotate", null);
            Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
            rotatedKey = (await rotation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString()!;
            for (var i = 0; i < 4; i++)
            {
                foreach (var reader in new[] { client, earlier })
                {
                    Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(Sessions.OnAnyReplica($"/api/members/{member.Id()}"))).StatusCode);
                }
            }

            // Signing out still ends the token everywhere (replicas keep what they read for a few seconds).
            Assert.Equal(HttpStatusCode.NoContent, (await earlier.PostAsync("/api/auth/logout", null)).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(6));
            for (var i = 0; i < 4; i++)
            {
                await (await earlier.SendAsync(Sessions.OnAnyReplica("/api/members"))).ReadProblemAsync(HttpStatusCode.Unauthorized);
            }

            // Sign-in limits are then counted by each replica on its own: never open.
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 25; i++)
            {
                answers.Add((await app.PostLoginAsync(tenant.Slug, $"guess@{tenant.Slug}.test", $"Wrong-password-{i}")).StatusCode);
            }

            Assert.All(answers, status => Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, status.ToString()));
            Assert.True(answers.Count(s => s == HttpStatusCode.TooManyRequests) >= 25 - (2 * 10), string.Join(",", answers));

            // A cache is no reason to take the instances out of the load balancer.
            var ready = await app.Api.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var cache = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("components").GetProperty("cache");
            Assert.Equal("DEGRADED", cache.GetProperty("status").GetString());
        }
        finally
        {
            await app.ExecuteResourceCommandAsync(LiyaqaResources.Cache, KnownResourceCommands.StartCommand);
        }

        await WaitForCacheAsync(status => status == "UP");

        // The rotation could not be announced; every replica has caught up once its Redis connection is back.
        for (var i = 0; i < 4; i++)
        {
            var signIn = await app.PostLoginAsync(tenant.Slug, LiyaqaAppFixture.OwnerEmail(tenant.Slug), LiyaqaAppFixture.OwnerPassword, onAnyReplica: true);
            var token = (await signIn.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
            Assert.Equal(rotatedKey, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Kid);
        }
    }

    /// <summary>Until several answers in a row, from any replica, give the cache such a status.</summary>
    private async Task WaitForCacheAsync(Func<string?, bool> expected)
    {
        var clock = Stopwatch.StartNew();
        var inARow = 0;
        while (inARow < 6)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the cache's status did not change");
            var health = await app.Api.SendAsync(Sessions.OnAnyReplica("/actuator/health"));
            var body = await health.Content.ReadFromJsonAsync<JsonElement>();
            inARow = expected(body.GetProperty("components").GetProperty("cache").GetProperty("status").GetString()) ? inARow + 1 : 0;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
