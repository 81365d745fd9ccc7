using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public class DatabaseMigrationTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task Replicas_migrating_at_once_all_succeed_and_each_migration_is_applied_once()
    {
        var options = new DatabaseOptions { AppRolePassword = app.AppRolePassword };

        // Four API instances starting together, each running the migration step.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new DatabaseMigrator(app.Database, options, NullLogger<DatabaseMigrator>.Instance).MigrateAsync()));

        await using var owner = LiyaqaDbContextFactory.ForOwner(app.Database.Owner);
        var known = owner.Database.GetMigrations().ToList();
        await using var connection = await app.OpenAsOwnerAsync();
        var applied = await connection.QueryAsync("SELECT migration_id FROM \"__EFMigrationsHistory\"", r => r.GetString(0));

        Assert.NotEmpty(known);
        Assert.Equal(known.Order(), applied.Order());
        Assert.Empty(await owner.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_application_role_cannot_read_the_migration_history()
    {
        await using var db = app.AsApplication(tenantId: null);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.Database.SqlQuery<string>($"SELECT migration_id AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync());

        Assert.Equal(Npgsql.PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task The_runbooks_slow_queries_view_lists_the_statements_the_API_ran()
    {
        var tenant = await app.ProvisionTenantAsync("slowq");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/members?q=anyone")).StatusCode);

        await using var connection = await app.OpenAsOwnerAsync();
        var statements = await connection.QueryAsync("SELECT query, calls, mean_exec_time FROM slow_queries LIMIT 500", r => (Query: r.GetString(0), Calls: r.GetInt64(1)));

        Assert.Contains(statements, s => s.Query.Contains("FROM members", StringComparison.Ordinal) && s.Calls >= 1);
        Assert.DoesNotContain(statements, s => s.Query.Contains("pg_stat_statements", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LIKE_is_leakproof_so_member_search_can_use_the_trigram_index_under_row_level_security()
    {
        await using var connection = await app.OpenAsOwnerAsync();

        var leakproof = await connection.QueryAsync(
            "SELECT proname, proleakproof FROM pg_proc WHERE proname IN ('textlike', 'like_escape') AND pronamespace = 'pg_catalog'::regnamespace AND proargtypes = '25 25'",
            r => (Name: r.GetString(0), Leakproof: r.GetBoolean(1)));

        Assert.Equal(2, leakproof.Count);
        Assert.All(leakproof, f => Assert.True(f.Leakproof, $"{f.Name} is not leakproof"));
    }
}
