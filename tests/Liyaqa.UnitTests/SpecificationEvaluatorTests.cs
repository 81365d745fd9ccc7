using Ardalis.Specification;
using Liyaqa.Infrastructure.Persistence.Specifications;

namespace Liyaqa.UnitTests;

/// <summary>The evaluator's query shaping, on LINQ to objects; the PostgreSQL path is covered by the API tests.</summary>
public sealed class SpecificationEvaluatorTests
{
    private sealed record Item(string Name, int Rank);

    private static readonly Item[] Items =
    [
        new("delta", 2), new("alpha", 1), new("charlie", 2), new("bravo", 1), new("echo", 3),
    ];

    private sealed class RankedPageSpec : Specification<Item>
    {
        public RankedPageSpec(int minRank, int skip, int take) =>
            Query.Where(i => i.Rank >= minRank)
                .OrderByDescending(i => i.Rank)
                .ThenBy(i => i.Name)
                .Skip(skip)
                .Take(take);
    }

    private sealed class NamesSpec : Specification<Item, string>
    {
        public NamesSpec()
        {
            Query.Where(i => i.Rank == 1).OrderBy(i => i.Name);
            Query.Select(i => i.Name);
        }
    }

    [Fact]
    public void Criteria_ordering_and_paging_apply_in_order()
    {
        var page = SpecificationEvaluator.GetQuery(Items.AsQueryable(), new RankedPageSpec(minRank: 2, skip: 1, take: 2)).ToList();

        Assert.Equal(["charlie", "delta"], page.Select(i => i.Name));
    }

    [Fact]
    public void Counting_uses_the_criteria_without_paging()
    {
        var count = SpecificationEvaluator.GetQuery(Items.AsQueryable(), new RankedPageSpec(minRank: 2, skip: 1, take: 1), evaluateCriteriaOnly: true).Count();

        Assert.Equal(3, count);
    }

    [Fact]
    public void A_projection_selects_after_filtering_and_ordering()
    {
        var names = SpecificationEvaluator.GetQuery(Items.AsQueryable(), new NamesSpec()).ToList();

        Assert.Equal(["alpha", "bravo"], names);
    }
}
