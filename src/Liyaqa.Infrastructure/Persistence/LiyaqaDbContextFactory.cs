using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// The one place that says how <see cref="LiyaqaDbContext"/> talks to PostgreSQL, used by the API,
/// the migration step and the <c>dotnet ef</c> tools.
/// </summary>
public sealed class LiyaqaDbContextFactory : IDesignTimeDbContextFactory<LiyaqaDbContext>
{
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention();

    /// <summary>A context connected as the database owner, without a tenant: for migrations and schema checks.</summary>
    public static LiyaqaDbContext ForOwner(string ownerConnectionString)
    {
        // Unpooled: the owner's connections close when the migration step ends.
        var connectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        Configure(options, connectionString);
        return new LiyaqaDbContext(options.Options).ActingFor(new TenantContext());
    }

    /// <summary>For <c>dotnet ef migrations add</c>; never connects.</summary>
    public LiyaqaDbContext CreateDbContext(string[] args) => ForOwner("Host=localhost;Database=liyaqa;Username=postgres");
}
