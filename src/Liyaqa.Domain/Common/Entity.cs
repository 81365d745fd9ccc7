namespace Liyaqa.Domain.Common;

/// <summary>Base of every entity: identity by a client-generated, time-ordered id, and the audit events it raised.</summary>
public abstract class Entity
{
    private readonly List<AuditEvent> _auditEvents = [];

    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    /// <summary>What happened to this entity since it was loaded; persistence writes these to the audit log.</summary>
    public IReadOnlyList<AuditEvent> AuditEvents => _auditEvents;

    public void ClearAuditEvents() => _auditEvents.Clear();

    protected void Audit(string action, object? details = null) => _auditEvents.Add(new AuditEvent(action, details));
}
