using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests;

/// <summary>
/// One server with a small Liyaqa-like database to back up: tenant rows under forced row-level security,
/// Arabic text with the characters COPY escapes, a second schema, an empty table, and grants to an app role.
/// </summary>
public sealed class BackupFixture : IAsyncLifetime
{
    public const string Schema = """
        CREATE ROLE liyaqa_app LOGIN;
        CREATE ROLE liyaqa_dispatcher NOLOGIN;
        CREATE TABLE tenants (id uuid PRIMARY KEY, slug text UNIQUE NOT NULL, name text NOT NULL);
        CREATE TABLE members (
            id bigserial PRIMARY KEY,
            tenant_id uuid NOT NULL REFERENCES tenants,
            full_name text NOT NULL,
            notes text,
            joined_on date NOT NULL,
            balance numeric(10, 2) NOT NULL DEFAULT 0);
        ALTER TABLE members ENABLE ROW LEVEL SECURITY;
        ALTER TABLE members FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON members
            USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
        CREATE SCHEMA billing;
        CREATE TABLE billing.invoices (
            id integer PRIMARY KEY,
            member_id bigint NOT NULL REFERENCES members,
            lines jsonb NOT NULL,
            issued_at timestamptz NOT NULL);
        CREATE TABLE audit_archive (id bigint, payload text);
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, billing TO liyaqa_app;
        GRANT SELECT ON tenants TO liyaqa_dispatcher;

        INSERT INTO tenants VALUES
            ('6d1f6c2e-8a7b-4d6f-9a35-2f0d3c1b5e01', 'fitness-riyadh', 'لياقة الرياض'),
            ('6d1f6c2e-8a7b-4d6f-9a35-2f0d3c1b5e02', 'jeddah-gym', 'نادي جدة الرياضي');
        INSERT INTO members (tenant_id, full_name, notes, joined_on, balance)
        SELECT CASE WHEN g % 2 = 0 THEN '6d1f6c2e-8a7b-4d6f-9a35-2f0d3c1b5e01'::uuid
                    ELSE '6d1f6c2e-8a7b-4d6f-9a35-2f0d3c1b5e02'::uuid END,
               'نورة العتيبي ' || g,
               CASE WHEN g % 3 = 0 THEN E'سطر أول\nسطر ثانٍ\tمع \\ شرطة مائلة' END,
               date '2026-01-01' + g,
               g * 1.25
        FROM generate_series(1, 2000) AS g;
        INSERT INTO billing.invoices
        SELECT g, g, jsonb_build_array(jsonb_build_object('item', 'اشتراك شهري', 'amount', 150 + g)),
               timestamptz '2026-01-01 09:00+03' + g * interval '1 hour'
        FROM generate_series(1, 500) AS g;
        """;

    private int _backupDirectories;

    public TestRoot Root { get; private set; } = null!;

    public PostgresCluster Source { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Root = await TestRoot.CreateAsync();
        Source = await PostgresCluster.StartNewAsync(Root, "source");
        await Source.QueryAsync("CREATE DATABASE liyaqa", "postgres");
        await Source.QueryAsync(Schema);
    }

    public async Task DisposeAsync() => await Root.DisposeAsync();

    /// <summary>Script settings for the source server with a backup directory of the test's own.</summary>
    public Dictionary<string, string> NewScriptEnvironment() =>
        Source.ScriptEnvironment(Root.Combine($"backups-{Interlocked.Increment(ref _backupDirectories)}"));
}
