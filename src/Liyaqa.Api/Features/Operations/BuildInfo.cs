using System.Reflection;

namespace Liyaqa.Api.Features.Operations;

/// <summary>What was built and when, read from the assembly the build stamped.</summary>
public sealed record BuildInfo(string Name, string Version, string? Commit, DateTimeOffset? BuildTime, string Runtime)
{
    public static BuildInfo FromAssembly(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var buildTime = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildTimestamp")?.Value;
        return new BuildInfo(
            Name: "liyaqa-api",
            Version: plus < 0 ? informational : informational[..plus],
            Commit: plus < 0 ? null : informational[(plus + 1)..],
            BuildTime: DateTimeOffset.TryParse(buildTime, System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : null,
            Runtime: System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}
