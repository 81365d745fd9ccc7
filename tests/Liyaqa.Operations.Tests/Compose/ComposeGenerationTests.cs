namespace Liyaqa.Operations.Tests.Compose;

public sealed class ComposeGenerationTests(ComposeGenerationFixture generation) : IClassFixture<ComposeGenerationFixture>
{
    private const string HowToRegenerate =
        "The committed file is not what the AppHost's model, deploy/monitoring/compose.yml and deploy/compose/generate.py " +
        "produce now. Regenerate and commit it: python3 deploy/compose/generate.py";

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData(".env.example")]
    public async Task Committed_file_is_what_the_generator_makes_from_the_current_app_model(string file)
    {
        Assert.True(generation.Result.ExitCode == 0, $"The generator failed: {generation.Result}");

        var fresh = await File.ReadAllTextAsync(Path.Combine(generation.OutputDirectory, file));
        var committedPath = Path.Combine(ComposeFiles.Deploy, file);
        Assert.True(File.Exists(committedPath), $"deploy/{file} is missing. {HowToRegenerate}");
        var committed = await File.ReadAllTextAsync(committedPath);

        Assert.True(fresh == committed, $"deploy/{file}: {FirstDifference(committed, fresh)}\n{HowToRegenerate}");
    }

    private static string FirstDifference(string committed, string fresh)
    {
        var committedLines = committed.Split('\n');
        var freshLines = fresh.Split('\n');
        for (var i = 0; i < Math.Max(committedLines.Length, freshLines.Length); i++)
        {
            var left = i < committedLines.Length ? committedLines[i] : "(end of file)";
            var right = i < freshLines.Length ? freshLines[i] : "(end of file)";
            if (left != right)
            {
                return $"line {i + 1} is\n  {left}\nbut the generator writes\n  {right}";
            }
        }

        return "the files differ in their bytes (line endings?)";
    }
}
