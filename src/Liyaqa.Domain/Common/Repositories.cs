using Ardalis.Specification;

namespace Liyaqa.Domain.Common;

/// <summary>Reads and writes aggregates of one kind, queried by specifications.</summary>
public interface IRepository<T> : IRepositoryBase<T> where T : class, IAggregateRoot;

/// <summary>Reads aggregates of one kind without tracking them for change.</summary>
public interface IReadRepository<T> : IReadRepositoryBase<T> where T : class, IAggregateRoot;
