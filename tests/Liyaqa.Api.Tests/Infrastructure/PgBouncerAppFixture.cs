using Liyaqa.ServiceDefaults;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// A third AppHost, as production runs it: two API instances reaching PostgreSQL only through PgBouncer in
/// transaction-pooling mode (the embedded one, with deploy/pgbouncer's settings). <see cref="LiyaqaAppFixture.Database"/>
/// goes through PgBouncer too. The suites that depend on what a pooler can break — tenancy, the booking race, the
/// mail outbox, the scheduled jobs, the migrations — run here again (the <c>…ThroughPgBouncer</c> classes).
/// </summary>
public sealed class PgBouncerAppFixture() : LiyaqaAppFixture(ApiReplicas, "api-pgbouncer.log", "--Liyaqa:PgBouncer=true")
{
    protected override string DatabaseResource => LiyaqaResources.PgBouncer;

    /// <summary>None, as the AppHost tells the API: the installed PgBouncer (1.18) cannot follow prepared statements.</summary>
    protected override int MaxAutoPrepare => 0;

    /// <summary>The answer of PgBouncer's admin console to <paramref name="command"/> (e.g. <c>SHOW POOLS</c>) as rows of named columns.</summary>
    public async Task<List<Dictionary<string, string>>> AdminConsoleAsync(string command)
    {
        // The console speaks the simple query protocol only, which psql uses.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(Database.Owner);
        var psql = Path.Combine(Liyaqa.AppHost.BackingServices.LocalBinaries.PostgresBinDirectory(configured: null), "psql");
        var start = new System.Diagnostics.ProcessStartInfo(psql, ["-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", connection.Username!, "-d", "pgbouncer", "--csv", "-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql {command}: {error}");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => header.Zip(line.Split(','), (name, value) => (name, value)).ToDictionary(c => c.name, c => c.value)).ToList();
    }
}

/// <summary>Runs after the parallel tests, alone: starting a third AppHost beside the first left it waiting past its start timeout.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PgBouncerAppCollection : ICollectionFixture<PgBouncerAppFixture>
{
    public const string Name = "Liyaqa app behind PgBouncer";
}
