using System.Text.Json;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Auditing;

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
