using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>Direct access to the test run's database, as the API's own role or as the owner.</summary>
public static class TenantDatabase
{
    /// <summary>A context connected as the application role, acting for <paramref name="tenantId"/> (or none), as the API builds it.</summary>
    public static LiyaqaDbContext AsApplication(this LiyaqaAppFixture app, Guid? tenantId)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
        {
            tenant.Use(id);
        }

        var options = new DbContextOptionsBuilder<LiyaqaDbContext>();
        LiyaqaDbContextFactory.Configure(options, app.Database.Application);
        options.AddInterceptors(new TenantTransactionInterceptor(), new TenantCommandInterceptor());
        return new LiyaqaDbContext(options.Options).ActingFor(tenant);
    }

    public static async Task<NpgsqlConnection> OpenAsOwnerAsync(this LiyaqaAppFixture app)
    {
        var connection = new NpgsqlConnection(app.Database.Owner);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a statement as the database owner (tests move dates to put records where a job acts on them).</summary>
    public static async Task ExecuteAsOwnerAsync(this LiyaqaAppFixture app, string sql)
    {
        await using var connection = await app.OpenAsOwnerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<T>> QueryAsync<T>(this NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
