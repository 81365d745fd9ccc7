using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests.Compose;

/// <summary>
/// The production compose file, its .env.example and generator, and the tools the tests read them with: Debian's
/// docker-compose, and python3 with PyYAML (which docker-compose depends on) to turn YAML into JSON, since the test
/// project has no YAML library.
/// </summary>
public static partial class ComposeFiles
{
    public const string DockerComposePackage = "docker-compose";

    public const string PyYamlPackage = "python3-yaml";

    public static string Deploy => Path.Combine(Repository.Root, "deploy");

    public static string ComposeFile => Path.Combine(Deploy, "docker-compose.yml");

    public static string EnvExample => Path.Combine(Deploy, ".env.example");

    public static string Generator => Path.Combine(Deploy, "compose", "generate.py");

    public static string Dockerfile => Path.Combine(Deploy, "Dockerfile");

    public static string CollectorConfig => Path.Combine(Deploy, "monitoring", "otel-collector", "config.yml");

    /// <summary>The configuration this test assembly (and so the AppHost it references) was built in.</summary>
    public static string BuildConfiguration =>
        typeof(ComposeFiles).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Every <c>${NAME…}</c> the text interpolates (<c>$${…}</c> is a literal dollar, not a variable).</summary>
    public static IReadOnlySet<string> VariablesUsedIn(string text) =>
        VariableUse().Matches(text).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The variables of an env file, each with the comment lines right above it.</summary>
    public static IReadOnlyDictionary<string, (string Value, string Comment)> ReadEnvFile(string file)
    {
        var variables = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var comment = new List<string>();
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.StartsWith('#'))
            {
                comment.Add(line.TrimStart('#').Trim());
                continue;
            }

            var assignment = EnvAssignment().Match(line);
            if (assignment.Success)
            {
                variables[assignment.Groups[1].Value] = (assignment.Groups[2].Value, string.Join(' ', comment));
            }

            comment.Clear();
        }

        return variables;
    }

    /// <summary>Runs Debian's docker-compose with nothing from the test's environment but PATH and HOME, so only the env file counts.</summary>
    public static async Task<ProcessResult> DockerComposeAsync(params string[] arguments)
    {
        Assert.True(Shell.IsInstalled("docker-compose"),
            $"docker-compose is not installed: apt-get install -y {DockerComposePackage} (Debian package {DockerComposePackage})");
        return await Shell.RunAsync("env", [
            "-i", $"PATH={Environment.GetEnvironmentVariable("PATH")}", $"HOME={Environment.GetEnvironmentVariable("HOME")}",
            "docker-compose", .. arguments]);
    }

    /// <summary>Reads a YAML file as JSON, through python3's PyYAML.</summary>
    public static async Task<JsonElement> ReadYamlAsync(string file)
    {
        var result = await PythonAsync(
            "-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    public static async Task<ProcessResult> PythonAsync(params string[] arguments)
    {
        Assert.True(Shell.IsInstalled("python3"), $"python3 is not installed: apt-get install -y python3 {PyYamlPackage}");
        var result = await Shell.RunAsync("python3", arguments, timeout: TimeSpan.FromMinutes(3));
        Assert.False(result.Error.Contains("No module named 'yaml'", StringComparison.Ordinal),
            $"python3 has no PyYAML: apt-get install -y {PyYamlPackage} (Debian package {PyYamlPackage}). {result}");
        return result;
    }

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableUse();

    [GeneratedRegex("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")]
    private static partial Regex EnvAssignment();
}
