using System.Text.RegularExpressions;
using System.Xml.Linq;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests.Compose;

/// <summary>deploy/Dockerfile, read as text: nothing can be built here.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(ComposeFiles.Dockerfile);

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime_as_a_non_root_user()
    {
        var stages = Lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 ", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0 ", stages[1], StringComparison.Ordinal);
        var final = Lines.SkipWhile(line => line != stages[1]).ToList();
        var user = Assert.Single(final, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"^USER\s+(root|0)\b", user);
        Assert.Contains("EXPOSE 8080", final);
        Assert.Contains(final, line => line.Contains("ENTRYPOINT [\"dotnet\", \"Liyaqa.Api.dll\"]", StringComparison.Ordinal));
    }

    [Fact]
    public void Health_check_asks_the_readiness_probe()
    {
        var text = string.Join('\n', Lines);

        Assert.Matches(@"HEALTHCHECK [^\n]*\\\n\s+CMD curl -fsS [^\n]*http://127\.0\.0\.1:8080/health/ready", text);
    }

    [Fact]
    public void Copies_every_project_the_api_is_built_from()
    {
        var projects = ProjectClosure(Path.Combine(Repository.Root, "src", "Liyaqa.Api", "Liyaqa.Api.csproj"));

        Assert.Contains("Liyaqa.Domain", projects);
        foreach (var project in projects)
        {
            // The project file before the restore, the sources after it.
            Assert.Contains($"COPY src/{project}/{project}.csproj src/{project}/", Lines);
            Assert.Contains($"COPY src/{project}/ src/{project}/", Lines);
        }
    }

    [Fact]
    public void Files_copied_from_the_context_exist_and_are_not_ignored()
    {
        var ignored = File.ReadAllLines(ComposeFiles.Dockerfile + ".dockerignore")
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.TrimEnd('/'))
            .ToList();
        var sources = Lines.Select(line => CopyFromContext().Match(line)).Where(match => match.Success)
            .SelectMany(match => match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        Assert.Contains("Directory.Packages.props", sources);
        foreach (var source in sources)
        {
            var path = Path.Combine(Repository.Root, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: not in the repository");
            Assert.DoesNotContain(source.TrimEnd('/'), ignored);
            Assert.DoesNotContain(ignored, pattern => source.StartsWith(pattern + "/", StringComparison.Ordinal));
        }
    }

    /// <summary>The project and every project it references, directly or not, by name.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var path))
        {
            if (!names.Add(Path.GetFileNameWithoutExtension(path)))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include)));
            }
        }

        return names;
    }

    [GeneratedRegex(@"^COPY (?!--from)(.+)$")]
    private static partial Regex CopyFromContext();
}
