namespace Liyaqa.Domain.Common;

/// <summary>The operation clashes with the current state (a duplicate, a stale version, a full class).</summary>
public sealed class DomainConflictException(string message) : DomainException(message);
