using Aspire.Hosting.ApplicationModel;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// A second AppHost, as a club running Liyaqa on one box has it: one API instance listening on its own port.
/// The crash tests kill its processes, so the shared fixture's tests never see those outages.
/// </summary>
public sealed class SingleReplicaAppFixture() : LiyaqaAppFixture(apiReplicas: 1, logFile: "api-single-instance.log")
{
    /// <summary>The snapshot property in which the orchestrator reports an executable's process id.</summary>
    private const string ProcessIdProperty = "executable.pid";

    /// <summary>The operating-system process of <paramref name="resource"/>'s (only) instance, as the orchestrator reports it.</summary>
    public async Task<int> ProcessIdAsync(string resource, CancellationToken ct)
    {
        var running = await App.ResourceNotifications.WaitForResourceAsync(
            resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running && ProcessId(e) is not null, ct);
        return ProcessId(running)!.Value;
    }

    /// <summary>Waits until <paramref name="resource"/> runs again, as a process other than <paramref name="previous"/>.</summary>
    public Task WaitForNewProcessAsync(string resource, int previous, CancellationToken ct) =>
        App.ResourceNotifications.WaitForResourceAsync(
            resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running && ProcessId(e) is { } pid && pid != previous, ct);

    /// <summary>Asks <c>/health/ready</c> (each time giving up after 2 s) until it answers 200.</summary>
    public async Task ReadyAsync(CancellationToken ct)
    {
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                using var response = await Api.GetAsync(ServiceDefaults.ServiceDefaultsExtensions.ReadinessPath, attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // The API is not listening yet, or did not answer in time.
            }

            await Task.Delay(100, ct);
        }
    }

    private static int? ProcessId(ResourceEvent e) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == ProcessIdProperty)?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, out var pid) => pid,
            _ => null,
        };
}

/// <summary>Runs after the parallel tests, alone: its kills and restarts would slow everything else down, and its timings with it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SingleReplicaAppCollection : ICollectionFixture<SingleReplicaAppFixture>
{
    public const string Name = "Liyaqa app, one API instance";
}
