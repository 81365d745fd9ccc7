namespace Liyaqa.Domain.Common;

/// <summary>Base of every entity: identity by a client-generated, time-ordered id.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>Marks the entities that repositories load and save as a whole.</summary>
public interface IAggregateRoot;
