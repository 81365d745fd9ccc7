using System.Text.Json;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Infrastructure.Auditing;

/// <summary>One line of <c>audit_log</c>: who did what to which entity of which club, from where.</summary>
public sealed class AuditLogEntry : ITenantOwned
{
    /// <summary>The <c>user_agent</c> column's length: a longer header is recorded cut, never refused.</summary>
    public const int MaxUserAgentLength = 512;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public Guid? UserId { get; init; }

    public string? Email { get; init; }

    public required string Action { get; init; }

    public string? EntityType { get; init; }

    public Guid? EntityId { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public JsonDocument? Details { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Who is acting in the current scope, as the audit log records it.</summary>
public sealed record AuditActor(Guid? UserId, string? Email, string? IpAddress, string? UserAgent)
{
    public static AuditActor System { get; } = new(null, "system", null, null);
}

/// <summary>Supplies the acting user and client of the current scope (the API reads them from the request).</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}
