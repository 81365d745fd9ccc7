using System.Reflection;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using NetArchTest.Rules;

namespace Liyaqa.Domain.Tests;

/// <summary>Keeps the layering honest: dependencies point inward, and every entity says whose data it is.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Entity).Assembly;

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Npgsql")]
    [InlineData("StackExchange.Redis")]
    [InlineData("Liyaqa.Infrastructure")]
    [InlineData("Liyaqa.Api")]
    public void The_domain_does_not_depend_on(string dependency)
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOn(dependency).GetResult();

        Assert.True(result.IsSuccessful, $"Depends on {dependency}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_domain_assembly_references_no_framework_but_Ardalis_Specification()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard");

        Assert.Equal(["Ardalis.Specification"], references);
    }

    [Fact]
    public void The_infrastructure_does_not_depend_on_the_api()
    {
        var result = Types.InAssembly(typeof(Liyaqa.Infrastructure.DependencyInjection).Assembly)
            .ShouldNot().HaveDependencyOn("Liyaqa.Api").GetResult();

        Assert.True(result.IsSuccessful);
    }

    [Fact]
    public void Every_entity_is_tenant_owned_or_explicitly_platform_global()
    {
        var entities = Domain.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Entity).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(entities);
        Assert.All(entities, entity => Assert.True(
            typeof(ITenantOwned).IsAssignableFrom(entity) ^ typeof(IPlatformGlobal).IsAssignableFrom(entity),
            $"{entity.Name} must implement exactly one of ITenantOwned or IPlatformGlobal"));
    }
}
