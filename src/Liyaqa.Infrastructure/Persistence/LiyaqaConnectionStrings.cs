using Npgsql;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// The owner's connection string (for migrations) and the application role's, derived from it; the scheduler's
/// is the application's under its own name, so its connections are a pool of their own and leave the request
/// pool's <see cref="ConnectionSlots"/> exact.
/// </summary>
public sealed record LiyaqaConnectionStrings(string Owner, string Application)
{
    public string Scheduler => new NpgsqlConnectionStringBuilder(Application) { ApplicationName = "liyaqa-scheduler" }.ConnectionString;

    public static LiyaqaConnectionStrings From(string ownerConnectionString, DatabaseOptions options)
    {
        var application = new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = options.AppRole,
            Password = options.AppRolePassword,
            MaxPoolSize = options.MaxPoolSize,
            Timeout = options.ConnectTimeoutSeconds,
            ApplicationName = "liyaqa-api",
            // Nothing outlives a transaction (the tenant is a transaction-local setting), so a connection going back to
            // the pool needs no DISCARD ALL.
            NoResetOnClose = true,
            MaxAutoPrepare = options.MaxAutoPrepare,
            AutoPrepareMinUsages = 2,
        };
        return new LiyaqaConnectionStrings(ownerConnectionString, application.ConnectionString);
    }
}
