using System.Diagnostics;
using System.Net.Sockets;
using Liyaqa.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>
/// The staff web app (src/Liyaqa.Web) against this run's API: its typed client matches the live OpenAPI
/// document, and its end-to-end journeys pass in headless Chromium (e2e/run.mjs builds the app when needed,
/// starts `next start` on a free port, and saves screenshots under docs/screenshots/).
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class WebAppTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    private static readonly string WebDirectory = FindWebDirectory();

    [Fact]
    public async Task The_typed_client_matches_the_APIs_OpenAPI_document()
    {
        var (exitCode, log) = await NodeAsync(["scripts/gen-api.mjs", "--check"], new() { ["LIYAQA_API_URL"] = ApiUrl }, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"npm run check:api failed:\n{log}");
    }

    [Fact]
    public async Task Staff_journeys_pass_in_Chromium_in_English_and_Arabic()
    {
        var club = await app.ProvisionTenantAsync("web");
        var environment = new Dictionary<string, string>
        {
            ["LIYAQA_API_URL"] = ApiUrl,
            ["LIYAQA_CLUB"] = club.Slug,
            ["LIYAQA_ADMIN_EMAIL"] = LiyaqaAppFixture.OwnerEmail(club.Slug),
            ["LIYAQA_ADMIN_PASSWORD"] = LiyaqaAppFixture.OwnerPassword,
            ["LIYAQA_MAILDIR"] = app.Maildir,
            ["WEB_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var (exitCode, log) = await NodeAsync(["e2e/run.mjs"], environment, TimeSpan.FromMinutes(15));
        Assert.True(exitCode == 0, $"The web app's end-to-end journeys failed:\n{log}");
    }

    private string ApiUrl => app.Api.BaseAddress!.ToString().TrimEnd('/');

    private async Task<(int ExitCode, string Log)> NodeAsync(string[] args, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = WebDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        void Collect(object? sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line.Data);
            }

            output.WriteLine(line.Data);
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        Assert.True(process.Start(), "node did not start; install Node.js 20 and run npm ci in src/Liyaqa.Web");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{log}");
        }

        lock (log)
        {
            return (process.ExitCode, log.ToString());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindWebDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var web = Path.Combine(directory.FullName, "src", "Liyaqa.Web");
            if (File.Exists(Path.Combine(web, "package.json")))
            {
                return web;
            }
        }

        throw new DirectoryNotFoundException("src/Liyaqa.Web not found above the test assembly");
    }
}
