using Ardalis.Specification;
using Liyaqa.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Infrastructure.Persistence.Specifications;

/// <summary>
/// The one repository implementation: every aggregate is read through specifications and saved
/// through <see cref="LiyaqaDbContext"/>, so tenant filtering and stamping apply everywhere.
/// </summary>
public sealed class EfRepository<T>(LiyaqaDbContext db) : IRepository<T>, IReadRepository<T> where T : class, IAggregateRoot
{
    private DbSet<T> Set => db.Set<T>();

    public async Task<T> AddAsync(T entity, CancellationToken cancellationToken = default)
    {
        Set.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity;
    }

    public async Task<IEnumerable<T>> AddRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        var list = entities.ToList();
        Set.AddRange(list);
        await db.SaveChangesAsync(cancellationToken);
        return list;
    }

    public async Task<int> UpdateAsync(T entity, CancellationToken cancellationToken = default)
    {
        Set.Update(entity);
        return await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> UpdateRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        Set.UpdateRange(entities);
        return await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteAsync(T entity, CancellationToken cancellationToken = default)
    {
        Set.Remove(entity);
        return await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        Set.RemoveRange(entities);
        return await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteRangeAsync(ISpecification<T> specification, CancellationToken cancellationToken = default)
    {
        Set.RemoveRange(await Query(specification).ToListAsync(cancellationToken));
        return await db.SaveChangesAsync(cancellationToken);
    }

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Finds by <see cref="Entity.Id"/>; tenant-owned keys are (tenant_id, id), so this goes through the tenant filter, not Find.</summary>
    public Task<T?> GetByIdAsync<TId>(TId id, CancellationToken cancellationToken = default) where TId : notnull
    {
        if (id is not Guid guid || !typeof(Entity).IsAssignableFrom(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} is identified by a Guid Id.", nameof(id));
        }

        return Set.FirstOrDefaultAsync(e => EF.Property<Guid>(e, nameof(Entity.Id)) == guid, cancellationToken);
    }

    public Task<T?> FirstOrDefaultAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).FirstOrDefaultAsync(cancellationToken);

    public Task<TResult?> FirstOrDefaultAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).FirstOrDefaultAsync(cancellationToken);

    public Task<T?> SingleOrDefaultAsync(ISingleResultSpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).SingleOrDefaultAsync(cancellationToken);

    public Task<TResult?> SingleOrDefaultAsync<TResult>(ISingleResultSpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).SingleOrDefaultAsync(cancellationToken);

    public Task<List<T>> ListAsync(CancellationToken cancellationToken = default) => Set.ToListAsync(cancellationToken);

    public Task<List<T>> ListAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).ToListAsync(cancellationToken);

    public Task<List<TResult>> ListAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).ToListAsync(cancellationToken);

    public Task<int> CountAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        SpecificationEvaluator.GetQuery(Set.AsQueryable(), specification, evaluateCriteriaOnly: true).CountAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Set.CountAsync(cancellationToken);

    public Task<bool> AnyAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        SpecificationEvaluator.GetQuery(Set.AsQueryable(), specification, evaluateCriteriaOnly: true).AnyAsync(cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => Set.AnyAsync(cancellationToken);

    public IAsyncEnumerable<T> AsAsyncEnumerable(ISpecification<T> specification) => Query(specification).AsAsyncEnumerable();

    private IQueryable<T> Query(ISpecification<T> specification) => SpecificationEvaluator.GetQuery(Set.AsQueryable(), specification);

    private IQueryable<TResult> Query<TResult>(ISpecification<T, TResult> specification) => SpecificationEvaluator.GetQuery(Set.AsQueryable(), specification);
}
