using Ardalis.Specification;

namespace Liyaqa.Infrastructure.Persistence.Specifications;

/// <summary>Applies the domain's named query knowledge to a query of the context.</summary>
public static class SpecificationQueries
{
    public static IQueryable<T> WithSpecification<T>(this IQueryable<T> source, ISpecification<T> specification)
        where T : class =>
        SpecificationEvaluator.GetQuery(source, specification);
}
