using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

[Collection(LiyaqaAppCollection.Name)]
public sealed class OperationsEndpointsTests(LiyaqaAppFixture app)
{
    [Fact]
    public async Task Api_health_says_UP_with_a_UTC_ISO_8601_timestamp()
    {
        var response = await app.Api.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UP", body.GetProperty("status").GetString());
        var timestamp = DateTimeOffset.Parse(body.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Readiness_is_UP_when_database_and_cache_answer()
    {
        var response = await app.Api.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UP", body.GetProperty("status").GetString());
        Assert.Equal("UP", body.GetProperty("components").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("UP", body.GetProperty("components").GetProperty("cache").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Actuator_health_reports_database_cache_and_disk_space_publicly()
    {
        var response = await app.Api.GetAsync("/actuator/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var components = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("components");
        Assert.Equal("UP", components.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("UP", components.GetProperty("cache").GetProperty("status").GetString());
        var disk = components.GetProperty("diskSpace");
        Assert.True(disk.GetProperty("status").GetString() is "UP" or "DEGRADED");
        Assert.True(disk.GetProperty("details").GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Actuator_info_needs_the_management_token()
    {
        await (await app.Api.GetAsync("/actuator/info")).ReadProblemAsync(HttpStatusCode.Unauthorized);

        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/actuator/info");
        wrongToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        await (await app.Api.SendAsync(wrongToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Actuator_info_reports_version_commit_build_time_and_environment()
    {
        var response = await app.Operator.GetAsync("/actuator/info");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var build = body.GetProperty("build");
        Assert.Matches(@"^\d+\.\d+\.\d+", build.GetProperty("version").GetString());
        Assert.Matches("^[0-9a-f]{7,40}$", build.GetProperty("commit").GetString());
        var builtAt = DateTimeOffset.Parse(build.GetProperty("buildTime").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(builtAt <= DateTimeOffset.UtcNow);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task Requests_are_spread_over_every_API_replica()
    {
        var instances = new HashSet<int>();
        for (var attempt = 0; attempt < 40 && instances.Count < LiyaqaAppFixture.ApiReplicas; attempt++)
        {
            // A new connection each time, so the load balancer chooses again.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/actuator/info");
            request.Headers.ConnectionClose = true;
            var info = await (await app.Operator.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            instances.Add(info.GetProperty("instance").GetProperty("processId").GetInt32());
        }

        Assert.Equal(LiyaqaAppFixture.ApiReplicas, instances.Count);
    }

    [Fact]
    public async Task Prometheus_exposition_needs_the_management_token()
    {
        await (await app.Api.GetAsync("/actuator/prometheus")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Prometheus_exposition_has_request_histograms_pool_gc_threadpool_and_process_metrics()
    {
        // One request first, so the request-duration histogram has a sample.
        await app.Api.GetAsync("/api/health");

        var text = await app.Operator.GetStringAsync("/actuator/prometheus");

        foreach (var metric in new[]
                 {
                     "http_server_request_duration_seconds_bucket",
                     "db_client_connection_count",
                     "db_client_connection_max",
                     "dotnet_gc_collections_total",
                     "dotnet_gc_last_collection_heap_size_bytes",
                     "dotnet_thread_pool_thread_count",
                     "process_cpu_time_seconds_total",
                     "process_memory_usage_bytes",
                 })
        {
            Assert.Contains("\n" + metric, text, StringComparison.Ordinal);
        }

        Assert.Contains("http_route=\"/api/health\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAPI_document_and_the_API_reference_page_are_served()
    {
        var document = await app.Api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.Equal("Liyaqa API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/platform/tenants", out _));

        var page = await app.Api.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
