using System.Diagnostics;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>What the README tells a developer for reaching the embedded PostgreSQL with psql.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class DatabaseAccessTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task The_psql_script_the_AppHost_writes_runs_SQL_on_the_embedded_database_as_its_owner()
    {
        var script = Path.Combine(app.DataDirectory, "psql");
        var tenant = await app.ProvisionTenantAsync("psql");

        using var psql = Process.Start(new ProcessStartInfo(script, ["-tA", "-c", $"SELECT current_user, current_database(), count(*) FROM tenants WHERE slug = '{tenant.Slug}'"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await psql.StandardOutput.ReadToEndAsync();
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(psql.ExitCode == 0, $"{script} exited with {psql.ExitCode}: {error}");
        Assert.Equal("postgres|liyaqa|1", output.Trim());
    }
}
