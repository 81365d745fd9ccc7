using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>While PostgreSQL is down, clients hear so at once: a 503 problem, and a readiness probe that answers.</summary>
[Collection(SingleReplicaAppCollection.Name)]
public sealed class FastFailureTests(SingleReplicaAppFixture app, ITestOutputHelper output)
{
    private const int Samples = 5;

    [Fact]
    public async Task With_PostgreSQL_stopped_requests_get_a_prompt_503_readiness_answers_at_once_and_the_server_stays_stopped()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var tenant = await app.ProvisionTenantAsync("fast-fail");
        var owner = await app.LoginAsOwnerAsync(tenant);
        using var client = app.As(owner.AccessToken);
        await app.ReadyAsync(cts.Token);

        await app.ExecuteResourceCommandAsync(LiyaqaResources.Postgres, KnownResourceCommands.StopCommand);
        try
        {
            await app.App.ResourceNotifications.WaitForResourceAsync(LiyaqaResources.Postgres, KnownResourceStates.TerminalStates, cts.Token);

            var reads = new List<TimeSpan>();
            var probes = new List<TimeSpan>();
            for (var i = 0; i < Samples; i++)
            {
                reads.Add(await TimeAsync(async () => await (await client.GetAsync("/api/members", cts.Token)).ReadProblemAsync(HttpStatusCode.ServiceUnavailable)));
                probes.Add(await TimeAsync(async () => Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Api.GetAsync(ServiceDefaultsExtensions.ReadinessPath, cts.Token)).StatusCode)));
            }

            output.WriteLine($"PostgreSQL stopped: 503 for a read after {Describe(reads)}; /health/ready 503 after {Describe(probes)}");
            // Loose bounds on a shared machine; the targets are 2 s for a request and 1 s for the probe.
            Assert.All(reads, took => Assert.True(took < TimeSpan.FromSeconds(5), $"a read took {took.TotalSeconds:F2} s to fail"));
            Assert.All(probes, took => Assert.True(took < TimeSpan.FromSeconds(3), $"/health/ready took {took.TotalSeconds:F2} s"));

            // A stop from the dashboard is not a crash: the supervisor leaves the server stopped.
            await Task.Delay(TimeSpan.FromSeconds(3), cts.Token);
            Assert.True(app.App.ResourceNotifications.TryGetCurrentState(LiyaqaResources.Postgres, out var current));
            Assert.Contains(current.Snapshot.State?.Text, KnownResourceStates.TerminalStates);
        }
        finally
        {
            await app.ExecuteResourceCommandAsync(LiyaqaResources.Postgres, KnownResourceCommands.StartCommand);
        }

        await app.ReadyAsync(cts.Token);
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> request)
    {
        var clock = Stopwatch.StartNew();
        await request();
        return clock.Elapsed;
    }

    private static string Describe(List<TimeSpan> times) =>
        $"{times.Min().TotalSeconds:F2}-{times.Max().TotalSeconds:F2} s (first {times[0].TotalSeconds:F2} s)";
}
