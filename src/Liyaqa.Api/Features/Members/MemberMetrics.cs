using System.Diagnostics.Metrics;
using Liyaqa.Domain.Members;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liyaqa.Api.Features.Members;

/// <summary>
/// <c>liyaqa_members_active</c>: members whose status is active, across all clubs, counted club by club
/// once a minute (each replica reports the same number; dashboards take the max).
/// </summary>
public sealed class MemberMetrics(IServiceScopeFactory scopes, ILogger<MemberMetrics> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Liyaqa.Members");
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private long? _active;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Meter.CreateObservableGauge("liyaqa.members.active", () => _active is { } active ? [new Measurement<long>(active)] : Array.Empty<Measurement<long>>(),
            description: "Members with an active membership, all clubs");
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                long total = 0;
                foreach (var club in await scopes.TenantIdsAsync(stoppingToken))
                {
                    total += await scopes.RunAsync(club, (_, db) => db.Members.LongCountAsync(m => m.Status == MemberStatus.Active, stoppingToken), stoppingToken);
                }

                _active = total;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogWarning(failure, "Counting active members failed; the gauge keeps its last value");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
