namespace Liyaqa.Domain.Common;

/// <summary>A change worth an audit-log line, raised by the entity it concerns.</summary>
public sealed record AuditEvent(string Action, object? Details);
