using System.Text.Json;

namespace Liyaqa.Operations.Tests.Compose;

/// <summary>The committed deploy/docker-compose.yml, checked statically: no container engine runs here.</summary>
public sealed class ComposeFileTests
{
    /// <summary>The runbook's service inventory: compose service, container name, host port, container port.</summary>
    public static TheoryData<string, string, int, int> RunbookServices => new()
    {
        { "backend", "liyaqa-backend", 8080, 8080 },
        { "frontend", "liyaqa-frontend", 3000, 3000 },
        { "postgres", "liyaqa-postgres", 5432, 5432 },
        { "prometheus", "liyaqa-prometheus", 9090, 9090 },
        { "alertmanager", "liyaqa-alertmanager", 9093, 9093 },
        { "grafana", "liyaqa-grafana", 3001, 3000 },
        { "loki", "liyaqa-loki", 3100, 3100 },
        { "promtail", "liyaqa-promtail", 9080, 9080 },
        { "zipkin", "liyaqa-zipkin", 9411, 9411 },
    };

    [Fact]
    public async Task Docker_compose_accepts_the_file_with_the_example_settings()
    {
        var result = await ComposeFiles.DockerComposeAsync(
            "-f", ComposeFiles.ComposeFile, "--env-file", ComposeFiles.EnvExample, "config", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        // docker-compose warns on stderr about a variable it has no value for, and about keys it ignores.
        Assert.True(result.Error.Length == 0, result.ToString());
    }

    [Fact]
    public async Task Docker_compose_refuses_to_start_when_a_required_secret_is_missing()
    {
        var directory = Directory.CreateTempSubdirectory("liyaqa-env-");
        try
        {
            var envFile = Path.Combine(directory.FullName, ".env");
            var lines = (await File.ReadAllLinesAsync(ComposeFiles.EnvExample))
                .Where(line => !line.StartsWith("POSTGRES_PASSWORD=", StringComparison.Ordinal));
            await File.WriteAllLinesAsync(envFile, lines);

            var result = await ComposeFiles.DockerComposeAsync("-f", ComposeFiles.ComposeFile, "--env-file", envFile, "config", "--quiet");

            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("POSTGRES_PASSWORD", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(RunbookServices))]
    public async Task Runbook_service_runs_under_its_container_name_on_its_port_on_loopback(
        string service, string containerName, int hostPort, int containerPort)
    {
        var services = (await ReadComposeAsync()).GetProperty("services");

        Assert.True(services.TryGetProperty(service, out var definition), $"no service {service}");
        Assert.Equal(containerName, definition.GetProperty("container_name").GetString());
        var ports = definition.GetProperty("ports").EnumerateArray().Select(port => port.GetString()).ToList();
        Assert.Equal([$"127.0.0.1:{hostPort}:{containerPort}"], ports);
    }

    [Theory]
    [InlineData("redis", "liyaqa-redis")]
    [InlineData("pgbouncer", "liyaqa-pgbouncer")]
    [InlineData("otel-collector", "liyaqa-otel-collector")]
    public async Task Internal_service_has_a_container_name_and_publishes_no_port(string service, string containerName)
    {
        var definition = (await ReadComposeAsync()).GetProperty("services").GetProperty(service);

        Assert.Equal(containerName, definition.GetProperty("container_name").GetString());
        Assert.False(definition.TryGetProperty("ports", out _), $"{service} publishes a port");
    }

    [Fact]
    public async Task Every_service_has_a_health_check_restart_policy_limits_and_rotated_logs()
    {
        var services = (await ReadComposeAsync()).GetProperty("services").EnumerateObject().ToList();

        Assert.True(services.Count >= 10, $"only {services.Count} services");
        foreach (var service in services)
        {
            var definition = service.Value;
            Assert.True(definition.TryGetProperty("healthcheck", out var healthcheck), $"{service.Name} has no healthcheck");
            var test = healthcheck.GetProperty("test").EnumerateArray().Select(part => part.GetString()).ToList();
            Assert.True(test.Count >= 2 && test[0] is "CMD" or "CMD-SHELL", $"{service.Name}: healthcheck test {string.Join(' ', test)}");
            foreach (var setting in new[] { "interval", "timeout", "retries", "start_period" })
            {
                Assert.True(healthcheck.TryGetProperty(setting, out _), $"{service.Name}: healthcheck without {setting}");
            }

            Assert.Equal("unless-stopped", definition.GetProperty("restart").GetString());
            var limits = definition.GetProperty("deploy").GetProperty("resources").GetProperty("limits");
            Assert.True(limits.TryGetProperty("cpus", out _) && limits.TryGetProperty("memory", out _), $"{service.Name}: limits {limits}");
            var logging = definition.GetProperty("logging").GetProperty("options");
            Assert.True(logging.TryGetProperty("max-size", out _) && logging.TryGetProperty("max-file", out _), $"{service.Name}: logs not rotated");
        }
    }

    [Fact]
    public async Task Every_variable_the_compose_file_uses_is_documented_in_env_example()
    {
        var used = ComposeFiles.VariablesUsedIn(await File.ReadAllTextAsync(ComposeFiles.ComposeFile));
        var documented = ComposeFiles.ReadEnvFile(ComposeFiles.EnvExample);

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(documented.Keys));
        // COMPOSE_PROJECT_NAME is read by compose itself; every other variable is used.
        Assert.Empty(documented.Keys.Except(used).Except(["COMPOSE_PROJECT_NAME"]));
        foreach (var (name, (_, comment)) in documented)
        {
            Assert.True(comment.Length > 10, $"{name} has no comment in .env.example");
        }
    }

    [Fact]
    public async Task Named_volumes_keep_the_data_of_postgres_and_the_monitoring_stack()
    {
        var compose = await ReadComposeAsync();
        var declared = compose.GetProperty("volumes").EnumerateObject().Select(volume => volume.Name).ToHashSet(StringComparer.Ordinal);

        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in compose.GetProperty("services").EnumerateObject())
        {
            foreach (var volume in Volumes(service.Value).Where(volume => !volume.Source.StartsWith('.') && !volume.Source.StartsWith('/')))
            {
                Assert.Contains(volume.Source, declared);
                used[volume.Target] = service.Name;
            }
        }

        Assert.Equal("postgres", used["/var/lib/postgresql"]);
        Assert.Equal("prometheus", used["/prometheus"]);
        Assert.Equal("grafana", used["/var/lib/grafana"]);
        Assert.Equal("loki", used["/loki"]);
    }

    [Fact]
    public async Task Files_the_compose_file_mounts_and_builds_from_exist()
    {
        var compose = await ReadComposeAsync();
        foreach (var service in compose.GetProperty("services").EnumerateObject())
        {
            foreach (var volume in Volumes(service.Value).Where(volume => volume.Source.StartsWith("./", StringComparison.Ordinal)))
            {
                var path = Path.GetFullPath(Path.Combine(ComposeFiles.Deploy, volume.Source));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{service.Name} mounts {volume.Source}, which does not exist");
            }
        }

        var build = compose.GetProperty("services").GetProperty("backend").GetProperty("build");
        var context = Path.GetFullPath(Path.Combine(ComposeFiles.Deploy, build.GetProperty("context").GetString()!));
        Assert.Equal(Infrastructure.Repository.Root.TrimEnd('/'), context.TrimEnd('/'));
        Assert.True(File.Exists(Path.Combine(context, build.GetProperty("dockerfile").GetString()!)));
    }

    [Fact]
    public async Task Backend_reaches_its_database_through_pgbouncer_and_its_cache_and_trace_collector_by_service_name()
    {
        var services = (await ReadComposeAsync()).GetProperty("services");
        var backend = services.GetProperty("backend");
        var environment = backend.GetProperty("environment");

        Assert.StartsWith("Host=pgbouncer;Port=6432;", environment.GetProperty("ConnectionStrings__liyaqa").GetString(), StringComparison.Ordinal);
        var pgbouncer = services.GetProperty("pgbouncer");
        Assert.Equal(("postgres", "5432"), (pgbouncer.GetProperty("environment").GetProperty("DB_HOST").GetString(), pgbouncer.GetProperty("environment").GetProperty("DB_PORT").GetString()));
        Assert.Equal("service_healthy", pgbouncer.GetProperty("depends_on").GetProperty("postgres").GetProperty("condition").GetString());
        Assert.Contains(("./pgbouncer", "/etc/pgbouncer/liyaqa"), Volumes(pgbouncer));
        // The configuration it mounts pools by transaction.
        Assert.Contains("pool_mode = transaction", await File.ReadAllTextAsync(Path.Combine(ComposeFiles.Deploy, "pgbouncer", "pooling.ini")), StringComparison.Ordinal);
        Assert.StartsWith("redis:6379,", environment.GetProperty("ConnectionStrings__cache").GetString(), StringComparison.Ordinal);
        Assert.Equal("8080", environment.GetProperty("HTTP_PORTS").GetString());
        Assert.Equal("http://otel-collector:4317", environment.GetProperty("OTEL_EXPORTER_OTLP_ENDPOINT").GetString());
        foreach (var dependency in new[] { "pgbouncer", "redis" })
        {
            Assert.Equal("service_healthy", backend.GetProperty("depends_on").GetProperty(dependency).GetProperty("condition").GetString());
        }
    }

    [Fact]
    public async Task Collector_receives_otlp_on_4317_and_exports_traces_to_zipkin()
    {
        var collector = await ComposeFiles.ReadYamlAsync(ComposeFiles.CollectorConfig);

        Assert.EndsWith(":4317", collector.GetProperty("receivers").GetProperty("otlp").GetProperty("protocols")
            .GetProperty("grpc").GetProperty("endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://zipkin:9411/api/v2/spans", collector.GetProperty("exporters").GetProperty("zipkin").GetProperty("endpoint").GetString());
        var pipelines = collector.GetProperty("service").GetProperty("pipelines");
        Assert.Contains("zipkin", pipelines.GetProperty("traces").GetProperty("exporters").EnumerateArray().Select(e => e.GetString()));
        // The API exports metrics and logs over OTLP too: the collector must accept them, or each export fails.
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            Assert.True(pipelines.TryGetProperty(signal, out var pipeline), $"no {signal} pipeline");
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                if (!pipeline.TryGetProperty(kind, out var names))
                {
                    continue;
                }

                foreach (var name in names.EnumerateArray())
                {
                    Assert.True(collector.GetProperty(kind).TryGetProperty(name.GetString()!, out _), $"{signal} uses {kind[..^1]} {name} that is not defined");
                }
            }
        }
    }

    [Fact]
    public async Task Secrets_reach_the_files_prometheus_and_alertmanager_read_them_from()
    {
        var services = (await ReadComposeAsync()).GetProperty("services");
        var prometheus = await ComposeFiles.ReadYamlAsync(Path.Combine(ComposeFiles.Deploy, "monitoring", "prometheus", "prometheus.yml"));
        var alertmanager = await ComposeFiles.ReadYamlAsync(Path.Combine(ComposeFiles.Deploy, "monitoring", "alertmanager", "alertmanager.yml"));

        var backendJob = prometheus.GetProperty("scrape_configs").EnumerateArray()
            .Single(job => job.GetProperty("job_name").GetString() == "liyaqa-backend");
        var tokenFile = backendJob.GetProperty("authorization").GetProperty("credentials_file").GetString();
        Assert.Contains(
            $"\"$$MANAGEMENT_TOKEN\" > {tokenFile}",
            Entrypoint(services.GetProperty("prometheus")), StringComparison.Ordinal);
        Assert.Equal(["liyaqa-backend:8080"], backendJob.GetProperty("static_configs")[0].GetProperty("targets").EnumerateArray().Select(t => t.GetString()));

        var webhookFile = alertmanager.GetProperty("global").GetProperty("slack_api_url_file").GetString();
        Assert.Contains($"\"$$SLACK_WEBHOOK_URL\" > {webhookFile}", Entrypoint(services.GetProperty("alertmanager")), StringComparison.Ordinal);

        // The API and Prometheus share one token.
        Assert.Equal("${MANAGEMENT_TOKEN:?}", services.GetProperty("backend").GetProperty("environment").GetProperty("Management__Token").GetString());
        Assert.Equal("${MANAGEMENT_TOKEN:?}", services.GetProperty("prometheus").GetProperty("environment").GetProperty("MANAGEMENT_TOKEN").GetString());
    }

    private static Task<JsonElement> ReadComposeAsync() => ComposeFiles.ReadYamlAsync(ComposeFiles.ComposeFile);

    private static string Entrypoint(JsonElement service) =>
        string.Join(' ', service.GetProperty("entrypoint").EnumerateArray().Select(part => part.GetString()));

    private static IEnumerable<(string Source, string Target)> Volumes(JsonElement service) =>
        service.TryGetProperty("volumes", out var volumes)
            ? volumes.EnumerateArray().Select(volume => volume.GetString()!.Split(':')).Select(parts => (parts[0], parts[1]))
            : [];
}
