namespace Liyaqa.Infrastructure.Auditing;

/// <summary>Who is acting in the current scope, as the audit log records it.</summary>
public sealed record AuditActor(Guid? UserId, string? Email, string? IpAddress, string? UserAgent)
{
    public static AuditActor System { get; } = new(null, "system", null, null);
}
