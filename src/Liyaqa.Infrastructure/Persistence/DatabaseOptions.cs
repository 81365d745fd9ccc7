using System.ComponentModel.DataAnnotations;

namespace Liyaqa.Infrastructure.Persistence;

/// <summary>
/// How the API reaches PostgreSQL. <c>ConnectionStrings:liyaqa</c> names the database as its owner, which
/// applies migrations; the API itself connects as <see cref="AppRole"/>, a login without ownership or
/// BYPASSRLS, so row-level security applies to every query it makes.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The non-owner role the application connects as.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string AppRole { get; set; } = "liyaqa_app";

    /// <summary>The application role's password; the migration step sets it on the role.</summary>
    [Required(ErrorMessage = "Database:AppRolePassword is required (the password of the application's database role).")]
    public string AppRolePassword { get; set; } = string.Empty;

    /// <summary>
    /// Seconds to wait for PostgreSQL to complete a new connection, while it has not answered lately, before the
    /// request gets its 503 (Npgsql's 15 s held every client while the server was unreachable). A refused connection
    /// fails at once anyway, and after a few timeouts the <see cref="DatabaseCircuitBreaker"/> answers at once. While
    /// the server has answered lately, a timed-out attempt is made again within <see cref="PoolWaitSeconds"/> (a burst
    /// of new connections on a busy server).
    /// </summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// Seconds a request waits for one of the instance's <see cref="MaxPoolSize"/> connections while all are in
    /// use (a burst, not an outage) before it gets its 503; kept apart from the connect timeout so that a busy
    /// pool does not fail as fast as a dead server should.
    /// </summary>
    [Range(1, 60)]
    public int PoolWaitSeconds { get; set; } = 5;

    /// <summary>Largest number of pooled connections per API instance.</summary>
    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>
    /// How many of a connection's most used statements PostgreSQL keeps parsed and planned (Npgsql's automatic
    /// preparation): each is then sent as a name and its parameters. 0 turns it off, for a PgBouncer older than
    /// 1.21 in transaction mode, which cannot follow prepared statements across its server connections.
    /// </summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 100;
}
