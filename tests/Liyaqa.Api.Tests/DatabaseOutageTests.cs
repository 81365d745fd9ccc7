using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class DatabaseOutageTests(LiyaqaAppFixture app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Readiness_turns_503_naming_the_database_while_PostgreSQL_is_down_and_200_once_it_is_back()
    {
        var before = await app.ProvisionTenantAsync("before-outage");

        await app.ExecuteResourceCommandAsync(LiyaqaResources.Postgres, KnownResourceCommands.StopCommand);
        try
        {
            var down = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
            var components = down.GetProperty("components");
            Assert.Equal("DOWN", down.GetProperty("status").GetString());
            Assert.Equal("DOWN", components.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("UP", components.GetProperty("cache").GetProperty("status").GetString());

            // Liveness does no I/O, so it stays up; a write gets a 503 problem, not a 500.
            Assert.Equal(HttpStatusCode.OK, (await app.Api.GetAsync("/api/health")).StatusCode);
            var write = await app.Operator.PostAsJsonAsync("/api/platform/tenants", LiyaqaAppFixture.NewTenantRequest($"outage-{Guid.NewGuid():N}"[..20], "During outage"));
            await write.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await app.ExecuteResourceCommandAsync(LiyaqaResources.Postgres, KnownResourceCommands.StartCommand);
        }

        var up = await WaitForReadinessAsync(HttpStatusCode.OK);
        // This test process's own pooled connections died with the server.
        Npgsql.NpgsqlConnection.ClearAllPools();
        Assert.Equal("UP", up.GetProperty("components").GetProperty("database").GetProperty("status").GetString());
        await app.ProvisionTenantAsync("after-outage");

        // What was stored before the restart is still there.
        var kept = await app.Operator.GetFromJsonAsync<TenantInfo>($"/api/platform/tenants/{before.Slug}");
        Assert.Equal(before.Id, kept!.Id);
    }

    /// <summary>
    /// Until the answer is <paramref name="expected"/> several times in a row, each on a new connection, so that every
    /// instance behind the endpoint's load balancer gives it (the next tests must not meet one still recovering).
    /// </summary>
    private async Task<JsonElement> WaitForReadinessAsync(HttpStatusCode expected)
    {
        const int InARow = 6;
        var clock = Stopwatch.StartNew();
        var agreeing = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
            request.Headers.ConnectionClose = true;
            var response = await app.Api.SendAsync(request);
            agreeing = response.StatusCode == expected ? agreeing + 1 : 0;
            if (agreeing == InARow)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            if (agreeing > 0)
            {
                continue;
            }

            Assert.True(clock.Elapsed < Patience, $"/health/ready did not turn {(int)expected} within {Patience.TotalSeconds} s (last: {(int)response.StatusCode})");
            await Task.Delay(500);
        }
    }
}
