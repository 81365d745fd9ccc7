using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>The owner's connection string (for migrations) and the application role's, derived from it.</summary>
public sealed record LiyaqaConnectionStrings(string Owner, string Application)
{
    public static LiyaqaConnectionStrings From(string ownerConnectionString, DatabaseOptions options)
    {
        var application = new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = options.AppRole,
            Password = options.AppRolePassword,
            MaxPoolSize = options.MaxPoolSize,
            Timeout = options.ConnectTimeoutSeconds,
            ApplicationName = "liyaqa-api",
        };
        return new LiyaqaConnectionStrings(ownerConnectionString, application.ConnectionString);
    }
}
