using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.ServiceDefaults;
using Npgsql;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>
/// What a club running Liyaqa on one box sees when a process dies: the AppHost's supervisor starts it again,
/// the API is ready again within seconds, and nothing the API acknowledged is lost.
/// </summary>
[Collection(SingleReplicaAppCollection.Name)]
public sealed class CrashRecoveryTests(SingleReplicaAppFixture app, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>
    /// <paramref name="targetSeconds"/> is the target for ready again after the kill; the assertion allows
    /// <paramref name="limitSeconds"/> on a shared, loaded machine. The API has no target: its restart is a
    /// <c>dotnet run</c> and a start-up (migration check, seed), 30-60 s when the machine is busy.
    /// </summary>
    [Theory]
    [InlineData(LiyaqaResources.Postgres, 10, 30)]
    [InlineData(LiyaqaResources.Cache, 5, 15)]
    [InlineData(LiyaqaResources.Mail, 5, 15)]
    [InlineData(LiyaqaResources.Api, 0, 150)]
    public async Task A_killed_component_is_started_again_and_every_acknowledged_write_survives(string resource, int targetSeconds, int limitSeconds)
    {
        using var cts = new CancellationTokenSource(Patience);
        var tenant = await app.ProvisionTenantAsync($"crash-{resource}");
        var owner = await app.LoginAsOwnerAsync(tenant);
        await app.ReadyAsync(cts.Token);

        await using var load = new WriteLoad(app, owner.AccessToken, resource);
        await load.WaitForAcknowledgedAsync(5, cts.Token);

        var launched = await app.ProcessIdAsync(resource, cts.Token);
        var clock = Stopwatch.StartNew();
        Process.GetProcessById(ServerProcess(resource, launched)).Kill();

        await app.WaitForNewProcessAsync(resource, launched, cts.Token);
        var restarted = clock.Elapsed;
        if (resource == LiyaqaResources.Mail)
        {
            await SmtpGreetsAsync(cts.Token);
        }

        await app.ReadyAsync(cts.Token);
        var recovered = clock.Elapsed;
        var acknowledgedAtRecovery = load.Acknowledged.Count;
        await load.WaitForAcknowledgedAsync(acknowledgedAtRecovery + 5, cts.Token);
        await load.StopAsync();

        output.WriteLine($"{resource}: new process after {restarted.TotalSeconds:F1} s, ready after {recovered.TotalSeconds:F1} s (target {targetSeconds} s); " +
            $"{load.Acknowledged.Count} writes acknowledged, {load.Refused} refused (slowest {load.SlowestRefusal.TotalSeconds:F2} s), {load.Unanswered} unanswered in 20 s");

        Assert.True(recovered < TimeSpan.FromSeconds(limitSeconds), $"{resource} was ready again only after {recovered.TotalSeconds:F1} s");
        // Refused means a 503 or a closed port: either comes promptly, never after a proxy's long wait.
        Assert.True(load.SlowestRefusal < TimeSpan.FromSeconds(5), $"a refused write took {load.SlowestRefusal.TotalSeconds:F1} s");

        NpgsqlConnection.ClearAllPools();
        await using var db = await app.OpenAsOwnerAsync();
        await using var stored = new NpgsqlCommand("SELECT count(*) FROM members WHERE id = ANY(@ids)", db);
        stored.Parameters.AddWithValue("ids", load.Acknowledged.ToArray());
        Assert.Equal(load.Acknowledged.Count, Convert.ToInt32(await stored.ExecuteScalarAsync(cts.Token), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The server process itself, below the process the orchestrator launched: PostgreSQL's postmaster (under its
    /// stop-signal wrapper), the API (under <c>dotnet run</c>).
    /// </summary>
    private int ServerProcess(string resource, int launched)
    {
        return resource switch
        {
            LiyaqaResources.Postgres => int.Parse(File.ReadLines(Path.Combine(app.PostgresDataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture),
            LiyaqaResources.Api => Leaf(launched),
            _ => launched,
        };

        static int Leaf(int pid)
        {
            while (File.Exists($"/proc/{pid}/task/{pid}/children")
                && File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var child, ..])
            {
                pid = int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
            }

            return pid;
        }
    }

    private async Task SmtpGreetsAsync(CancellationToken ct)
    {
        var endpoint = app.App.GetEndpoint(LiyaqaResources.Mail, "tcp");
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(endpoint.Host, endpoint.Port, ct);
                var buffer = new byte[64];
                var read = await client.GetStream().ReadAsync(buffer, ct);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("220", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>Members created one after another by a club's owner; remembers which ones the API acknowledged.</summary>
    private sealed class WriteLoad : IAsyncDisposable
    {
        private readonly HttpClient _client;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _refused;
        private int _unanswered;
        private long _slowestRefusalTicks;

        public WriteLoad(LiyaqaAppFixture app, string accessToken, string label)
        {
            _client = app.As(accessToken);
            _client.Timeout = TimeSpan.FromSeconds(20);
            _loop = Task.Run(() => RunAsync(label));
        }

        public ConcurrentBag<Guid> Acknowledged { get; } = [];

        /// <summary>Writes answered with an error status, or whose connection was refused or dropped.</summary>
        public int Refused => _refused;

        /// <summary>Writes that got no answer within the client's timeout (a live but overloaded API).</summary>
        public int Unanswered => _unanswered;

        public TimeSpan SlowestRefusal => TimeSpan.FromTicks(Interlocked.Read(ref _slowestRefusalTicks));

        public async Task WaitForAcknowledgedAsync(int count, CancellationToken ct)
        {
            while (Acknowledged.Count < count)
            {
                await Task.Delay(100, ct);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }

        private async Task RunAsync(string label)
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    var response = await _client.PostAsJsonAsync("/api/members", new
                    {
                        firstNameEn = "Load",
                        lastNameEn = $"{label}-{i}",
                        phone = ClubData.NextMobile(),
                        gender = "Female",
                    });
                    if (response.IsSuccessStatusCode)
                    {
                        Acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                        await Task.Delay(50);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    // The API's port refused the connection or dropped it: not acknowledged.
                }
                catch (TaskCanceledException)
                {
                    // No answer within the client's timeout: not acknowledged either.
                    Interlocked.Increment(ref _unanswered);
                    continue;
                }

                Interlocked.Increment(ref _refused);
                var took = clock.Elapsed.Ticks;
                long seen;
                while (took > (seen = Interlocked.Read(ref _slowestRefusalTicks)) && Interlocked.CompareExchange(ref _slowestRefusalTicks, took, seen) != seen)
                {
                }

                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await StopAsync();
            }

            _client.Dispose();
            _stop.Dispose();
        }
    }
}
