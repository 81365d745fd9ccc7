using System.Reflection;
using System.Text.RegularExpressions;
using Liyaqa.Api.Features;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;
using Liyaqa.Infrastructure.Persistence;
using NetArchTest.Rules;

namespace Liyaqa.UnitTests;

/// <summary>
/// Keeps the layering honest: dependencies point inward, a feature's code is in its folder of the API (never in
/// Infrastructure), every entity lives in the domain and says whose data it is, and files hold one type each.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Entity).Assembly;
    private static readonly Assembly Infrastructure = typeof(Liyaqa.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(FeatureRegistration).Assembly;

    /// <summary>What Infrastructure may hold: technical adapters, no feature.</summary>
    private static readonly string[] TechnicalAreas = ["Auditing", "Health", "Identity", "Jobs", "Notifications", "Persistence", "RateLimiting", "Tenancy"];

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

    [Fact]
    public void Infrastructure_holds_technical_adapters_only()
    {
        var areas = Infrastructure.GetTypes().Where(t => t.Namespace is not null && !t.Name.StartsWith('<'))
            .Select(t => t.Namespace!.Split('.').ElementAtOrDefault(2)).OfType<string>().Distinct().ToList();

        Assert.All(areas, area => Assert.Contains(area, TechnicalAreas));
    }

    [Fact]
    public void No_scheduled_job_and_no_endpoint_lives_in_infrastructure()
    {
        var jobs = Types.InAssembly(Infrastructure).That().ImplementInterface(typeof(Quartz.IJob)).GetTypes().Select(t => t.Name).ToList();
        var endpoints = Types.InAssembly(Infrastructure).That().HaveDependencyOnAny("Microsoft.AspNetCore.Http.HttpResults", "Microsoft.AspNetCore.Routing")
            .GetTypes().Select(t => t.Name).ToList();

        Assert.Empty(jobs);
        Assert.Empty(endpoints);
    }

    [Fact]
    public void Every_scheduled_job_lives_in_a_feature_folder()
    {
        var jobs = Types.InAssembly(Api).That().ImplementInterface(typeof(Quartz.IJob)).GetTypes().ToList();

        Assert.NotEmpty(jobs);
        Assert.All(jobs, job => Assert.StartsWith("Liyaqa.Api.Features.", job.Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public void No_feature_reads_another_features_endpoint_classes()
    {
        // Read from the source: a constant such as a route is inlined by the compiler and leaves no trace in the assembly.
        var features = Path.Combine(RepositoryRoot(), "src/Liyaqa.Api/Features");
        var endpointsOf = Directory.EnumerateFiles(features, "*Endpoints.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Path.GetFileName(Path.GetDirectoryName(f))!);
        // Files directly in Features/ are the table of contents, which names every feature.
        var offenders = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories).Where(file => Path.GetDirectoryName(file) != features)
            .SelectMany(file => EndpointUse().Matches(File.ReadAllText(file)).Select(m => m.Groups["type"].Value)
                .Where(type => endpointsOf.TryGetValue(type, out var feature) && feature != Path.GetFileName(Path.GetDirectoryName(file)))
                .Select(type => $"{Path.GetFileName(file)} uses {type}"))
            .Distinct().ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_entity_the_database_maps_lives_in_the_domain_and_says_whose_data_it_is()
    {
        using var db = LiyaqaDbContextFactory.ForOwner("Host=localhost;Database=liyaqa;Username=postgres");
        var entities = db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>)).Select(e => e.ClrType).ToList();

        Assert.NotEmpty(entities);
        Assert.All(entities, entity =>
        {
            Assert.True(entity.Assembly == Domain, $"{entity.FullName} is mapped by EF Core but lives outside Liyaqa.Domain");
            Assert.True(typeof(ITenantOwned).IsAssignableFrom(entity) ^ typeof(IPlatformGlobal).IsAssignableFrom(entity),
                $"{entity.Name} must implement exactly one of ITenantOwned or IPlatformGlobal");
        });
    }

    [Theory]
    [InlineData("src/Liyaqa.Domain")]
    [InlineData("src/Liyaqa.Infrastructure/Persistence/Configurations")]
    public void Each_file_holds_one_type_named_after_it(string folder)
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var types = TopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value).ToList();
            Assert.True(types.Count == 1 && types[0] == Path.GetFileNameWithoutExtension(file),
                $"{Path.GetFileName(file)} declares {string.Join(", ", types)}");
        });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liyaqa.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Liyaqa.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"^(?:public|internal) (?:(?:sealed|static|abstract|readonly|partial) )*(?:record struct|class|record|interface|enum|struct) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"\b(?<type>\w+Endpoints)\.\w")]
    private static partial Regex EndpointUse();
}
