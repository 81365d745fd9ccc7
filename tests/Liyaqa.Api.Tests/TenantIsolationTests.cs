using Liyaqa.Api.Tests.Infrastructure;
using Liyaqa.Domain.Branches;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Liyaqa.Api.Tests;

/// <summary>
/// Tenant isolation at the database: the EF filter, and beneath it PostgreSQL row-level security on the
/// application role, which holds even when the filter is bypassed.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public class TenantIsolationTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task A_tenant_sees_only_its_own_branches()
    {
        var a = await app.ProvisionTenantAsync("iso-a");
        var b = await app.ProvisionTenantAsync("iso-b");

        await using var db = app.AsApplication(a.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var branches = await db.Branches.ToListAsync();

        Assert.Single(branches);
        Assert.Equal(a.Id, branches[0].TenantId);
        Assert.DoesNotContain(branches, branch => branch.TenantId == b.Id);
    }

    [Fact]
    public async Task Row_level_security_hides_other_tenants_even_when_the_EF_filter_is_bypassed()
    {
        var a = await app.ProvisionTenantAsync("rls-a");
        var b = await app.ProvisionTenantAsync("rls-b");

        await using var db = app.AsApplication(a.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var unfiltered = await db.Branches.IgnoreQueryFilters().ToListAsync();
        var rawCountOfB = await db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM branches WHERE tenant_id = {b.Id}")
            .SingleAsync();

        Assert.NotEmpty(unfiltered);
        Assert.All(unfiltered, branch => Assert.Equal(a.Id, branch.TenantId));
        Assert.Equal(0, rawCountOfB);
    }

    [Fact]
    public async Task Without_a_tenant_no_tenant_rows_are_visible()
    {
        await app.ProvisionTenantAsync("none");

        await using var db = app.AsApplication(tenantId: null);
        await using var tx = await db.Database.BeginTransactionAsync();

        Assert.Empty(await db.Branches.IgnoreQueryFilters().ToListAsync());
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM branches").SingleAsync());
    }

    [Fact]
    public async Task Outside_a_transaction_each_query_carries_its_tenant_and_a_connection_that_sets_none_sees_nothing()
    {
        var a = await app.ProvisionTenantAsync("notx-a");
        var b = await app.ProvisionTenantAsync("notx-b");

        // A read request's queries run without a transaction, each with the tenant in its own batch.
        await using var db = app.AsApplication(a.Id);
        var unfiltered = await db.Branches.IgnoreQueryFilters().ToListAsync();
        Assert.NotEmpty(unfiltered);
        Assert.All(unfiltered, branch => Assert.Equal(a.Id, branch.TenantId));
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM branches WHERE tenant_id = {b.Id}").SingleAsync());

        // Fail closed: the setting is transaction-local, so it never outlives the query, and SQL that sets none sees no rows.
        await using var bare = new NpgsqlConnection(app.Database.Application);
        await bare.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM branches", bare);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_pooled_context_forgets_its_club_when_returned_so_the_next_taker_sees_nothing_until_it_names_one()
    {
        var a = await app.ProvisionTenantAsync("pool-a");
        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        LiyaqaDbContextFactory.Configure(options, app.Database.Application);
        options.AddInterceptors(new TenantTransactionInterceptor(), new TenantCommandInterceptor());
        var pool = new PooledDbContextFactory<LiyaqaDbContext>(options.Options, poolSize: 1);
        var club = new TenantContext();
        club.Use(a.Id);

        LiyaqaDbContext first;
        await using (first = pool.CreateDbContext().ActingFor(club))
        {
            Assert.NotEmpty(await first.Branches.ToListAsync());
        }

        await using var next = pool.CreateDbContext();
        Assert.Same(first, next);
        Assert.Null(next.CurrentTenantId);
        Assert.Empty(await next.Branches.IgnoreQueryFilters().ToListAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_row_written_for_another_tenant()
    {
        var a = await app.ProvisionTenantAsync("wr-a");
        var b = await app.ProvisionTenantAsync("wr-b");

        await using var db = app.AsApplication(a.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
            $"INSERT INTO branches (id, tenant_id, name_en, name_ar, time_zone, is_active, created_at) VALUES ({Guid.NewGuid()}, {b.Id}, 'Intruder', 'دخيل', 'Asia/Riyadh', true, now())"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Saving_an_entity_of_another_tenant_is_refused_before_it_reaches_the_database()
    {
        var a = await app.ProvisionTenantAsync("st-a");
        var b = await app.ProvisionTenantAsync("st-b");
        var tenantB = Tenant.Provision(b.Slug, b.Name, null, null, null, DateTimeOffset.UtcNow);
        typeof(Tenant).GetProperty(nameof(Tenant.Id))!.SetValue(tenantB, b.Id);

        await using var db = app.AsApplication(a.Id);
        db.Branches.Add(Branch.MainOf(tenantB, DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_forced_row_level_security_and_a_policy()
    {
        await using var connection = await app.OpenAsOwnerAsync();
        var tables = await connection.QueryAsync(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   (SELECT count(*) FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname)
            FROM information_schema.columns col
            JOIN pg_class c ON c.relname = col.table_name
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = col.table_schema
            WHERE col.column_name = 'tenant_id' AND col.table_schema = 'public' AND c.relkind = 'r'
            """,
            r => (Table: r.GetString(0), Enabled: r.GetBoolean(1), Forced: r.GetBoolean(2), Policies: r.GetInt64(3)));

        Assert.Contains(tables, t => t.Table == "branches");
        Assert.All(tables, t =>
        {
            Assert.True(t.Enabled, $"{t.Table}: row-level security is not enabled");
            Assert.True(t.Forced, $"{t.Table}: row-level security is not forced");
            Assert.True(t.Policies > 0, $"{t.Table}: no policy");
        });
    }

    [Fact]
    public async Task The_application_role_owns_no_table_and_cannot_bypass_row_level_security()
    {
        await using var connection = await app.OpenAsOwnerAsync();
        var role = (await connection.QueryAsync(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'liyaqa_app'",
            r => (Super: r.GetBoolean(0), BypassRls: r.GetBoolean(1)))).Single();
        var owned = await connection.QueryAsync(
            "SELECT tablename FROM pg_tables WHERE tableowner = 'liyaqa_app'", r => r.GetString(0));

        Assert.False(role.Super);
        Assert.False(role.BypassRls);
        Assert.Empty(owned);
    }
}
