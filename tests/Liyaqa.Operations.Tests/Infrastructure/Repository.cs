namespace Liyaqa.Operations.Tests.Infrastructure;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "deploy", "scripts");

    /// <summary>Runs a script under deploy/scripts directly, so its shebang and executable bit are exercised too.</summary>
    public static Task<ProcessResult> RunScriptAsync(
        string script, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Shell.RunAsync(Path.Combine(Scripts, script), arguments, environment);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Liyaqa.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Liyaqa.sln above {AppContext.BaseDirectory}");
    }
}
