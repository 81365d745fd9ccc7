using System.Diagnostics;
using System.Net.Sockets;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Liyaqa.Api.Tests;

public sealed class DatabaseCircuitBreakerTests
{
    [Fact]
    public async Task After_three_connection_timeouts_a_request_is_refused_at_once_instead_of_waiting_again()
    {
        // A database address that accepts connections and never answers, as a proxy with nothing behind it does.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)silent.LocalEndpoint).Port,
            Username = "liyaqa_app",
            Password = "unused",
            Database = "liyaqa",
            Timeout = 1,
            Pooling = false,
        }.ConnectionString;
        var breaker = new DatabaseCircuitBreaker(TimeProvider.System, NullLogger<DatabaseCircuitBreaker>.Instance);
        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        LiyaqaDbContextFactory.Configure(options, connectionString);
        options.AddInterceptors(new DatabaseCircuitInterceptor(breaker));

        for (var attempt = 0; attempt < DatabaseCircuitBreaker.FailuresToOpen; attempt++)
        {
            await using var db = new LiyaqaDbContext(options.Options, new TenantContext());
            var timedOut = await OpenFailureAsync(db);
            Assert.IsNotType<DatabaseUnavailableException>(timedOut);
        }

        await using (var db = new LiyaqaDbContext(options.Options, new TenantContext()))
        {
            var clock = Stopwatch.StartNew();
            var refused = Assert.IsType<DatabaseUnavailableException>(await OpenFailureAsync(db));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"the open circuit took {clock.Elapsed.TotalSeconds:F2} s to refuse");
            // What the API's exception handler turns into a 503.
            Assert.True(refused.IsTransient);
        }

        // Once the circuit has been open for a while, the next request tries the server again.
        await Task.Delay(DatabaseCircuitBreaker.OpenFor + TimeSpan.FromSeconds(0.5));
        await using (var db = new LiyaqaDbContext(options.Options, new TenantContext()))
        {
            Assert.IsNotType<DatabaseUnavailableException>(await OpenFailureAsync(db));
        }
    }

    /// <summary>The driver's exception, below EF Core's wrapping.</summary>
    private static async Task<NpgsqlException> OpenFailureAsync(LiyaqaDbContext db)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.OpenConnectionAsync());
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException npgsql)
            {
                return npgsql;
            }
        }

        throw new Xunit.Sdk.XunitException($"opening failed without a driver error: {failure}");
    }
}
