using Liyaqa.Operations.Tests.Infrastructure;

namespace Liyaqa.Operations.Tests;

public sealed class ShellcheckTests
{
    [Fact]
    public async Task Every_deploy_script_is_shellcheck_clean()
    {
        var scripts = Directory.GetFiles(Repository.Scripts, "*.sh", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(scripts);

        Assert.True(Shell.IsInstalled("shellcheck"), "shellcheck is not installed: apt-get install -y shellcheck (./build.sh test does)");

        var result = await Shell.RunAsync("shellcheck", ["--external-sources", "--format=gcc", .. scripts]);

        Assert.True(result.ExitCode == 0, $"shellcheck findings:\n{result.Output}{result.Error}");
    }
}
