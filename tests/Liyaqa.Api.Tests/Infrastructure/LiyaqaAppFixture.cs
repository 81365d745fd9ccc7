using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>
/// The real AppHost, started once for the whole test run through the Aspire test host: embedded
/// PostgreSQL and Redis in a data folder of this run's own, and <see cref="ApiReplicas"/> API instances
/// behind one load-balanced endpoint on a random port, so every test also runs against several instances.
/// </summary>
public class LiyaqaAppFixture : IAsyncLifetime
{
    public const int ApiReplicas = 2;

    private readonly int _apiReplicas;
    private readonly string _logFile;
    private readonly string[] _settings;

    public LiyaqaAppFixture()
        : this(ApiReplicas, "api.log")
    {
    }

    /// <summary>
    /// An AppHost of its own with <paramref name="apiReplicas"/> API instances (a single one listens on a free port
    /// of its own) and the AppHost <paramref name="settings"/> given, whose API log is saved as <paramref name="logFile"/>
    /// beside the tests.
    /// </summary>
    protected LiyaqaAppFixture(int apiReplicas, string logFile, params string[] settings)
    {
        _apiReplicas = apiReplicas;
        _logFile = logFile;
        _settings = settings;
    }

    /// <summary>The resource whose connection string <see cref="Database"/> is built from: how the API reaches PostgreSQL.</summary>
    protected virtual string DatabaseResource => LiyaqaResources.Postgres;

    /// <summary>How many statements a connection of <see cref="Database"/> keeps prepared: as the API's own connections.</summary>
    protected virtual int MaxAutoPrepare => new DatabaseOptions().MaxAutoPrepare;

    /// <summary>The mail provider's rate in the tests: below what the dispatchers manage unthrottled.</summary>
    public const int EmailsPerSecond = 50;

    /// <summary>Delivery attempts before a message is DEAD, shortened for the tests (retries after 1, 2, 4, 8 s).</summary>
    public const int MaxMailAttempts = 5;

    /// <summary>
    /// The one club held to a low request limit (per club and client IP); every other club's limit is far
    /// above what any test sends from the one address all tests share.
    /// </summary>
    public const string RequestLimitedClub = "request-limited";

    public const int RequestLimitedClubPerMinute = 10;

    /// <summary>How long a dispatcher holds a claimed message, shortened so that tests outlast it.</summary>
    public static readonly TimeSpan MailLease = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _dataDirectory = Path.Combine("/var/tmp/liyaqa-tests", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..16]);

    /// <summary>The embedded PostgreSQL's data directory (its <c>postmaster.pid</c> names the server's process).</summary>
    public string PostgresDataDirectory => Path.Combine(_dataDirectory, "postgres", "data");

    public string ManagementToken { get; } = Guid.NewGuid().ToString("N");

    /// <summary>What the API instances logged.</summary>
    public ApiLogs ApiLogs { get; } = new();

    /// <summary>The SMS provider the API is configured to post to.</summary>
    public SmsProviderStub SmsProvider { get; } = new();

    public string AppRolePassword { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The gateway simulator's secret key, which the API charges with and tests make card tokens with.</summary>
    public string GatewaySecretKey { get; } = Guid.NewGuid().ToString("N");

    public string GatewayWebhookSecret { get; } = Guid.NewGuid().ToString("N");

    /// <summary>A client of the payment gateway simulator holding the secret key, as a card terminal or the member's browser would reach it.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>This run's data folder, the <c>.data</c> of a developer's <c>./build.sh run</c>.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The Maildir where the local SMTP server keeps every message it accepted.</summary>
    public string Maildir => Path.Combine(_dataDirectory, "mail", "maildir");

    /// <summary>An anonymous client of the API.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>A client of the API holding the platform operators' management token.</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>The database as its owner (migrations, schema checks) and as the application role, the way the API reaches it.</summary>
    public LiyaqaConnectionStrings Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Liyaqa_AppHost>(
            [
                "--Liyaqa:BackingServices=Embedded",
                "--Liyaqa:WebApp=Off",
                $"--Liyaqa:ApiReplicas={_apiReplicas}",
                $"--Liyaqa:ApiPort={Liyaqa.AppHost.BackingServices.LocalPorts.FreeLoopbackPort()}",
                $"--Liyaqa:DataDirectory={_dataDirectory}",
                $"--ApiSettings:{FaultInjection.Setting}=true",
                "--ApiSettings:Notifications:PollInterval=00:00:00.200",
                "--ApiSettings:Notifications:RetryBaseDelay=00:00:01",
                $"--ApiSettings:Notifications:MaxAttempts={MaxMailAttempts}",
                $"--ApiSettings:Notifications:EmailsPerSecond={EmailsPerSecond}",
                $"--ApiSettings:Notifications:Lease={MailLease:c}",
                $"--ApiSettings:Sms:Endpoint={SmsProvider.Endpoint}",
                "--ApiSettings:Jobs:HousekeepingCron=0/3 * * * * ?",
                "--ApiSettings:Jobs:MembershipCron=0/2 * * * * ?",
                "--ApiSettings:Jobs:ClassReminderCron=0/2 * * * * ?",
                "--ApiSettings:Jobs:NoShowCron=0/2 * * * * ?",
                "--ApiSettings:Jobs:WaitlistCutoffCron=0/2 * * * * ?",
                "--ApiSettings:Jobs:RenewalCollectionCron=0/2 * * * * ?",
                "--ApiSettings:Payments:ChargeTimeoutSeconds=2",
                "--GatewaySettings:SlowResponseSeconds=5",
                "--GatewaySettings:SettlementDelaySeconds=1",
                $"--Parameters:gateway-secret-key={GatewaySecretKey}",
                $"--Parameters:gateway-webhook-secret={GatewayWebhookSecret}",
                $"--ApiSettings:Sms:ApiKey={SmsProviderStub.ApiKey}",
                "--ApiSettings:RateLimits:RequestsPerMinute=1000000",
                $"--ApiSettings:RateLimits:ClubRequestsPerMinute:{RequestLimitedClub}={RequestLimitedClubPerMinute}",
                $"--Parameters:management-token={ManagementToken}",
                $"--Parameters:db-app-password={AppRolePassword}",
                .. _settings,
            ],
            cts.Token);

        builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(ApiLogs);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(LiyaqaResources.Api, cts.Token);

        Api = App.CreateHttpClient(LiyaqaResources.Api);
        Operator = App.CreateHttpClient(LiyaqaResources.Api);
        Operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ManagementToken);
        Gateway = App.CreateHttpClient(LiyaqaResources.GatewaySimulator);
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewaySecretKey);

        var owner = await App.GetConnectionStringAsync(DatabaseResource, cts.Token)
            ?? throw new InvalidOperationException($"The {DatabaseResource} resource has no connection string.");
        Database = LiyaqaConnectionStrings.From(owner, new DatabaseOptions { AppRolePassword = AppRolePassword, MaxAutoPrepare = MaxAutoPrepare });
    }

    /// <summary>The owner every test club starts with signs in with this password.</summary>
    public const string OwnerPassword = "Club-keys-2026!";

    /// <summary>Provisions a club of its own for one test, so tests never share tenant data.</summary>
    public async Task<TenantInfo> ProvisionTenantAsync(string prefix = "club")
    {
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];
        var response = await Operator.PostAsJsonAsync("/api/platform/tenants", NewTenantRequest(slug, $"Test club {slug}"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TenantInfo>())!;
    }

    /// <summary>A valid provisioning request whose owner is <c>owner@&lt;slug&gt;.test</c>.</summary>
    public static object NewTenantRequest(string slug, string name) =>
        new { slug, name, ownerName = "Club Owner", ownerEmail = OwnerEmail(slug), ownerPassword = OwnerPassword };

    public static string OwnerEmail(string slug) => $"owner@{slug}.test";

    /// <summary>Stops or starts an app-model resource the way the dashboard's buttons do.</summary>
    public Task ExecuteResourceCommandAsync(string resource, string command) =>
        App.ResourceCommands.ExecuteCommandAsync(resource, command);

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        Operator?.Dispose();
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        await SmsProvider.DisposeAsync();
        ApiLogs.SaveTo(Path.Combine(AppContext.BaseDirectory, _logFile));
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed record TenantInfo(Guid Id, string Slug, string Name, string Status, string TimeZone, string Currency, decimal VatRate);

[CollectionDefinition(Name)]
public sealed class LiyaqaAppCollection : ICollectionFixture<LiyaqaAppFixture>
{
    public const string Name = "Liyaqa app";
}
