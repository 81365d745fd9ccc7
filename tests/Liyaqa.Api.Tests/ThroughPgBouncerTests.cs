using Liyaqa.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

// The suites whose guarantees a transaction-pooling PgBouncer could break, run again with the API reaching
// PostgreSQL only through one: the tenant setting and row-level security, the booking race's row lock, the mail
// outbox's SKIP LOCKED claims across two instances, Quartz's clustered job store and the migration lock.

[Collection(PgBouncerAppCollection.Name)]
public sealed class TenantIsolationThroughPgBouncerTests(PgBouncerAppFixture app) : TenantIsolationTests(app);

[Collection(PgBouncerAppCollection.Name)]
public sealed class ClassBookingThroughPgBouncerTests(PgBouncerAppFixture app) : ClassBookingTests(app);

[Collection(PgBouncerAppCollection.Name)]
public sealed class NotificationDeliveryThroughPgBouncerTests(PgBouncerAppFixture app, ITestOutputHelper output) : NotificationDeliveryTests(app, output);

[Collection(PgBouncerAppCollection.Name)]
public sealed class ScheduledJobThroughPgBouncerTests(PgBouncerAppFixture app) : ScheduledJobTests(app);

[Collection(PgBouncerAppCollection.Name)]
public sealed class DatabaseMigrationThroughPgBouncerTests(PgBouncerAppFixture app) : DatabaseMigrationTests(app);

/// <summary>The traffic of those suites really goes through PgBouncer, pooled by transaction.</summary>
[Collection(PgBouncerAppCollection.Name)]
public sealed class PgBouncerTests(PgBouncerAppFixture app)
{
    [Fact]
    public async Task The_API_reaches_PostgreSQL_through_PgBouncer_pooling_by_transaction()
    {
        var mode = (await app.AdminConsoleAsync("SHOW CONFIG")).Single(row => row["key"] == "pool_mode");
        Assert.Equal("transaction", mode["value"]);

        // A club's work through the API shows up as transactions PgBouncer served for the application role.
        var tenant = await app.ProvisionTenantAsync("bouncer");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        long Served(List<Dictionary<string, string>> stats) =>
            stats.Where(row => row["database"] == "liyaqa").Sum(row => long.Parse(row["total_xact_count"], System.Globalization.CultureInfo.InvariantCulture));
        var before = Served(await app.AdminConsoleAsync("SHOW STATS"));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/members?q=anyone")).StatusCode);
        }

        // SHOW STATS is refreshed by PgBouncer every few seconds.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Served(await app.AdminConsoleAsync("SHOW STATS")) < before + 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.True(Served(await app.AdminConsoleAsync("SHOW STATS")) >= before + 20, "PgBouncer served fewer transactions than the API's reads");
        var pools = await app.AdminConsoleAsync("SHOW POOLS");
        Assert.Contains(pools, row => row["database"] == "liyaqa" && row["user"] == "liyaqa_app");
    }
}
