using Liyaqa.Api.Common.Security;

namespace Liyaqa.UnitTests;

public sealed class PermissionDocumentTests
{
    [Fact]
    public void The_documented_permission_matrix_is_the_one_the_API_enforces()
    {
        var document = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "PERMISSIONS.md"));
        var header = document.First(line => line.StartsWith("| permission |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();
        var documented = document
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| permission", StringComparison.Ordinal) && !line.StartsWith("|---", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(cells => cells[1], cells => Enumerable.Range(2, 6).Where(i => cells[i] == "✓").Select(i => header[i]).Order().ToArray());

        var enforced = Permissions.Matrix.ToDictionary(p => p.Key, p => p.Value.Select(r => r.ToString()).Order().ToArray());

        Assert.Equal(enforced.Keys.Order(), documented.Keys.Order());
        Assert.All(enforced, p => Assert.Equal(p.Value, documented[p.Key]));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liyaqa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Liyaqa.sln not found above the test's folder.");
    }
}
