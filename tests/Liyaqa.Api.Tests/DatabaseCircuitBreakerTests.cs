using System.Diagnostics;
using System.Net.Sockets;
using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Liyaqa.Api.Tests;

/// <summary>
/// The breaker and the connection timeouts against fake servers. In the app's collection, so the timings are not
/// taken while the test host starts PostgreSQL, Redis and the API next to them.
/// </summary>
[Collection(Infrastructure.LiyaqaAppCollection.Name)]
public sealed class DatabaseCircuitBreakerTests(LiyaqaAppFixture app)
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
        var breaker = new DatabaseCircuitBreaker(TimeProvider.System, new DatabaseOptions(), NullLogger<DatabaseCircuitBreaker>.Instance);
        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        LiyaqaDbContextFactory.Configure(options, connectionString);
        using var slots = new ConnectionSlots(new DatabaseOptions());
        options.AddInterceptors(new DatabaseCircuitInterceptor(breaker, slots));

        for (var attempt = 0; attempt < DatabaseCircuitBreaker.FailuresToOpen; attempt++)
        {
            await using var db = new LiyaqaDbContext(options.Options).ActingFor(new TenantContext());
            var timedOut = await OpenFailureAsync(db);
            Assert.IsNotType<DatabaseUnavailableException>(timedOut);
        }

        await using (var db = new LiyaqaDbContext(options.Options).ActingFor(new TenantContext()))
        {
            var clock = Stopwatch.StartNew();
            var refused = Assert.IsType<DatabaseUnavailableException>(await OpenFailureAsync(db));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"the open circuit took {clock.Elapsed.TotalSeconds:F2} s to refuse");
            // What the API's exception handler turns into a 503.
            Assert.True(refused.IsTransient);
        }

        // Once the circuit has been open for a while, the next request tries the server again.
        await Task.Delay(DatabaseCircuitBreaker.OpenFor + TimeSpan.FromSeconds(0.5));
        await using (var db = new LiyaqaDbContext(options.Options).ActingFor(new TenantContext()))
        {
            Assert.IsNotType<DatabaseUnavailableException>(await OpenFailureAsync(db));
        }
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_costs_a_request_at_most_two_seconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var owner = $"Host=127.0.0.1;Port={((IPEndPoint)silent.LocalEndpoint).Port};Username=liyaqa;Password=unused;Database=liyaqa";
        // The product's defaults: pooling on, the connect timeout and pool wait as shipped.
        var defaults = new DatabaseOptions { AppRolePassword = "unused" };
        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        LiyaqaDbContextFactory.Configure(options, LiyaqaConnectionStrings.From(owner, defaults).Application);
        var breaker = new DatabaseCircuitBreaker(TimeProvider.System, defaults, NullLogger<DatabaseCircuitBreaker>.Instance);
        using var slots = new ConnectionSlots(defaults);
        options.AddInterceptors(new DatabaseCircuitInterceptor(breaker, slots));

        await using var db = new LiyaqaDbContext(options.Options).ActingFor(new TenantContext());
        _ = db.Model; // built once per process, not part of a request's wait
        var clock = Stopwatch.StartNew();
        var failure = await OpenFailureAsync(db);
        clock.Stop();

        // The 2 s timeout, and up to a second for the failure to be scheduled on a busy 2-core machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(defaults.ConnectTimeoutSeconds + 1), $"a silent server held the request {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(DatabaseCircuitBreaker.IsUnreachable(failure), $"not counted as unreachable: {failure.Message}");
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public void A_server_that_answered_lately_gets_the_longer_wait_for_a_new_connection_and_one_that_failed_the_short_one()
    {
        var options = new DatabaseOptions();
        var breaker = new DatabaseCircuitBreaker(TimeProvider.System, options, NullLogger<DatabaseCircuitBreaker>.Instance);
        Assert.Equal(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds), breaker.ConnectPatience);

        breaker.Succeeded();
        Assert.Equal(TimeSpan.FromSeconds(options.PoolWaitSeconds), breaker.ConnectPatience);

        breaker.Failed();
        Assert.Equal(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds), breaker.ConnectPatience);
    }

    [Fact]
    public async Task A_busy_pool_waits_for_a_returned_connection_longer_than_the_connect_timeout_and_then_refuses_as_busy()
    {
        var options = new DatabaseOptions { MaxPoolSize = 1, PoolWaitSeconds = 4 };
        using var slots = new ConnectionSlots(options);
        await using var first = new NpgsqlConnection();
        await using var second = new NpgsqlConnection();
        await using var third = new NpgsqlConnection();
        await slots.TakeAsync(first, CancellationToken.None);

        // The second request waits past the 2 s connect timeout and gets the connection the first returns.
        var waiting = slots.TakeAsync(second, CancellationToken.None).AsTask();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(waiting.IsCompleted);
        slots.Return(first);
        await waiting.WaitAsync(TimeSpan.FromSeconds(1));

        // Nobody returns the second's: the third is refused once the pool wait is over, as busy, not unreachable.
        var clock = Stopwatch.StartNew();
        var busy = await Assert.ThrowsAsync<DatabaseBusyException>(() => slots.TakeAsync(third, CancellationToken.None).AsTask());
        Assert.InRange(clock.Elapsed.TotalSeconds, 3.5, 6);
        Assert.True(busy.IsTransient);
        Assert.False(DatabaseCircuitBreaker.IsUnreachable(busy));

        // Returning twice, or a connection that never took a slot, frees nothing extra.
        slots.Return(second);
        slots.Return(second);
        slots.Return(third);
        await slots.TakeAsync(third, CancellationToken.None);
        await Assert.ThrowsAsync<DatabaseBusyException>(() => slots.TakeAsync(first, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_pooled_context_whose_connection_the_server_dropped_gives_its_slot_back()
    {
        // The product's setup: pooled contexts, each connection taking a slot. The server ends the connection in the
        // middle of a request's transaction, as a PostgreSQL restart does: EF Core sees no close, and the pooled
        // context keeps the broken connection object for its next request.
        var settings = new DatabaseOptions { MaxPoolSize = 2 };
        var breaker = new DatabaseCircuitBreaker(TimeProvider.System, settings, NullLogger<DatabaseCircuitBreaker>.Instance);
        using var slots = new ConnectionSlots(settings);
        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        LiyaqaDbContextFactory.Configure(options, app.Database.Application);
        options.AddInterceptors(new DatabaseCircuitInterceptor(breaker, slots), new TenantTransactionInterceptor(), new TenantCommandInterceptor());
        var pool = new PooledDbContextFactory<LiyaqaDbContext>(options.Options, poolSize: 1);

        await using (var db = pool.CreateDbContext().ActingFor(new TenantContext()))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(settings.MaxPoolSize - 1, slots.Free);
            var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            await app.ExecuteAsOwnerAsync($"SELECT pg_terminate_backend({backend})");
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
        }

        Assert.Equal(settings.MaxPoolSize, slots.Free);

        // The same pooled context serves the next request on a fresh connection, and gives that slot back too.
        await using (var db = pool.CreateDbContext().ActingFor(new TenantContext()))
        {
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
        }

        Assert.Equal(settings.MaxPoolSize, slots.Free);
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
