using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Liyaqa.ServiceDefaults;

/// <summary>
/// Counters published at zero as the service starts, with every label
/// value known in advance: a series that appears only with its first event leaves dashboards empty after each
/// restart, and <c>rate()</c> or <c>increase()</c> miss that first event.
/// </summary>
public static class CountersAtStart
{
    /// <summary>Runs <paramref name="publish"/> as the host starts; it adds zero to the counters it owns.</summary>
    public static IServiceCollection AddCountersAtStart(this IServiceCollection services, Action publish)
    {
        services.AddSingleton(new Registration(publish));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Publisher>());
        return services;
    }

    /// <summary>Adds zero to <paramref name="counter"/> once for each value of <paramref name="label"/>.</summary>
    public static void AtZero<T>(this Counter<T> counter, string label, params IEnumerable<string> values)
        where T : struct
    {
        foreach (var value in values)
        {
            counter.Add(default, new KeyValuePair<string, object?>(label, value));
        }
    }

    private sealed record Registration(Action Publish);

    /// <summary>Publishes once metrics are collected: taking the meter provider starts its collection first.</summary>
    private sealed class Publisher(MeterProvider collecting, IEnumerable<Registration> registrations, ILogger<Publisher> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(collecting);
            foreach (var registration in registrations)
            {
                registration.Publish();
            }

            logger.LogInformation("Counters published at zero ({Count} group(s))", registrations.Count());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
