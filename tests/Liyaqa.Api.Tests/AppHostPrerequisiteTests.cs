using System.Diagnostics;

namespace Liyaqa.Api.Tests;

public sealed class AppHostPrerequisiteTests
{
    [Fact]
    public async Task A_missing_PostgreSQL_install_stops_the_AppHost_with_one_line_saying_what_to_install()
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "Liyaqa.AppHost.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [appHost, "--Liyaqa:BackingServices=Embedded", "--Liyaqa:PostgresBinDirectory=/nonexistent/bin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install -y postgresql", line, StringComparison.Ordinal);
    }
}
