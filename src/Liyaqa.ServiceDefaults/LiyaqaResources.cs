namespace Liyaqa.ServiceDefaults;

/// <summary>
/// Names of the resources in the Aspire app model. The AppHost declares them, the API reads its
/// connection strings by them, and the tests address resources by them.
/// </summary>
public static class LiyaqaResources
{
    /// <summary>The PostgreSQL server (container or embedded process).</summary>
    public const string Postgres = "postgres";

    /// <summary>PgBouncer in transaction-pooling mode between the API and PostgreSQL (compose; Liyaqa:PgBouncer=true locally).</summary>
    public const string PgBouncer = "pgbouncer";

    /// <summary>The application database, and the API's connection-string name for it.</summary>
    public const string Database = "liyaqa";

    /// <summary>The Redis server, and the API's connection-string name for it.</summary>
    public const string Cache = "cache";

    /// <summary>The SMTP server mail goes to (a local sink or mail catcher in development).</summary>
    public const string Mail = "mail";

    /// <summary>The payment gateway simulator (development and tests).</summary>
    public const string GatewaySimulator = "gateway-simulator";

    /// <summary>The REST API project.</summary>
    public const string Api = "api";

    /// <summary>The staff web app (Next.js), the only client of the API a browser talks to.</summary>
    public const string Web = "web";
}
