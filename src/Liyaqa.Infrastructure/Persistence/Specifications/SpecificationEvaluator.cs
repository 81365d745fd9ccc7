using System.Reflection;
using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Infrastructure.Persistence.Specifications;

/// <summary>
/// Turns an Ardalis specification into an EF Core query: criteria, includes, ordering, paging,
/// tracking and query-filter options, and projections.
/// </summary>
public static class SpecificationEvaluator
{
    private static readonly MethodInfo IncludeMethod = typeof(EntityFrameworkQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.Include)
                     && m.GetParameters() is [_, { ParameterType.IsGenericType: true }]);

    private static readonly MethodInfo ThenIncludeAfterReferenceMethod = ThenIncludeOverload(afterCollection: false);

    private static readonly MethodInfo ThenIncludeAfterCollectionMethod = ThenIncludeOverload(afterCollection: true);

    public static IQueryable<T> GetQuery<T>(IQueryable<T> source, ISpecification<T> specification, bool evaluateCriteriaOnly = false)
        where T : class
    {
        var query = source;

        foreach (var where in specification.WhereExpressions)
        {
            query = query.Where(where.Filter);
        }

        if (evaluateCriteriaOnly)
        {
            return specification.IgnoreQueryFilters ? query.IgnoreQueryFilters() : query;
        }

        query = ApplyIncludes(query, specification);
        query = ApplyOrdering(query, specification);

        if (specification.Skip > 0)
        {
            query = query.Skip(specification.Skip);
        }

        if (specification.Take > 0)
        {
            query = query.Take(specification.Take);
        }

        if (specification.IgnoreQueryFilters)
        {
            query = query.IgnoreQueryFilters();
        }

        if (specification.AsSplitQuery)
        {
            query = query.AsSplitQuery();
        }

        if (specification.AsNoTracking)
        {
            query = query.AsNoTracking();
        }
        else if (specification.AsNoTrackingWithIdentityResolution)
        {
            query = query.AsNoTrackingWithIdentityResolution();
        }
        else if (specification.AsTracking)
        {
            query = query.AsTracking();
        }

        return query;
    }

    public static IQueryable<TResult> GetQuery<T, TResult>(IQueryable<T> source, ISpecification<T, TResult> specification)
        where T : class
    {
        var query = GetQuery(source, (ISpecification<T>)specification);
        return specification switch
        {
            { Selector: { } selector } => query.Select(selector),
            { SelectorMany: { } selectorMany } => query.SelectMany(selectorMany),
            _ => throw new InvalidOperationException($"{specification.GetType().Name} has no Select or SelectMany."),
        };
    }

    private static IQueryable<T> ApplyOrdering<T>(IQueryable<T> query, ISpecification<T> specification)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var order in specification.OrderExpressions)
        {
            ordered = order.OrderType switch
            {
                OrderTypeEnum.OrderBy => query.OrderBy(order.KeySelector),
                OrderTypeEnum.OrderByDescending => query.OrderByDescending(order.KeySelector),
                OrderTypeEnum.ThenBy => (ordered ?? throw MisplacedThenBy()).ThenBy(order.KeySelector),
                OrderTypeEnum.ThenByDescending => (ordered ?? throw MisplacedThenBy()).ThenByDescending(order.KeySelector),
                _ => throw new InvalidOperationException($"Unknown order type {order.OrderType}."),
            };
            query = ordered;
        }

        return query;
    }

    private static InvalidOperationException MisplacedThenBy() => new("ThenBy needs an OrderBy before it.");

    private static IQueryable<T> ApplyIncludes<T>(IQueryable<T> query, ISpecification<T> specification) where T : class
    {
        foreach (var path in specification.IncludeStrings)
        {
            query = query.Include(path);
        }

        foreach (var include in specification.IncludeExpressions)
        {
            var lambda = include.LambdaExpression;
            var propertyType = lambda.ReturnType;
            MethodInfo method;
            if (include.Type == IncludeTypeEnum.Include)
            {
                method = IncludeMethod.MakeGenericMethod(typeof(T), propertyType);
            }
            else
            {
                var previous = include.PreviousPropertyType!;
                var afterCollection = previous.IsGenericType && previous != typeof(string)
                    && previous.GetInterfaces().Append(previous).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
                method = afterCollection
                    ? ThenIncludeAfterCollectionMethod.MakeGenericMethod(typeof(T), ElementType(previous), propertyType)
                    : ThenIncludeAfterReferenceMethod.MakeGenericMethod(typeof(T), previous, propertyType);
            }

            query = (IQueryable<T>)method.Invoke(null, [query, lambda])!;
        }

        return query;
    }

    private static Type ElementType(Type enumerable) =>
        enumerable.GetInterfaces().Append(enumerable)
            .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .GetGenericArguments()[0];

    private static MethodInfo ThenIncludeOverload(bool afterCollection) =>
        typeof(EntityFrameworkQueryableExtensions).GetMethods()
            .Where(m => m.Name == nameof(EntityFrameworkQueryableExtensions.ThenInclude))
            .Single(m =>
            {
                var previous = m.GetParameters()[0].ParameterType.GetGenericArguments()[1];
                var isCollection = previous.IsGenericType && previous.GetGenericTypeDefinition() == typeof(IEnumerable<>);
                return isCollection == afterCollection;
            });
}
