using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests.Compose;

/// <summary>
/// One fresh generation per test run: deploy/compose/generate.py runs the AppHost (built with this test project,
/// which references it) with Aspire's manifest publisher and writes the compose file and .env.example into a
/// scratch folder.
/// </summary>
public sealed class ComposeGenerationFixture : IAsyncLifetime
{
    private DirectoryInfo? _directory;

    public ProcessResult Result { get; private set; } = null!;

    public string OutputDirectory => _directory!.FullName;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("liyaqa-compose-");
        Result = await ComposeFiles.PythonAsync(
            ComposeFiles.Generator, "--no-build", "--configuration", ComposeFiles.BuildConfiguration, "--output-dir", OutputDirectory);
    }

    public Task DisposeAsync()
    {
        _directory?.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
