using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Liyaqa.ServiceDefaults;

/// <summary>
/// What every Liyaqa service gets: OpenTelemetry logs, metrics and traces, health checks,
/// service discovery and resilient HTTP clients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the health checks that must pass before a service takes traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Path of the readiness probe: every <see cref="ReadyTag"/> check, 503 when one fails.</summary>
    public const string ReadinessPath = "/health/ready";

    /// <summary>Path of the liveness probe: the process answers, no I/O.</summary>
    public const string LivenessPath = "/health/live";

    /// <summary>Meter and activity source names of Liyaqa's own instruments.</summary>
    public const string LiyaqaTelemetryPrefix = "Liyaqa.*";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks()
            .AddCheck("ping", () => HealthCheckResult.Healthy("The process answers."), ["live"]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // One JSON object per line on the console, for Promtail and Loki: message, level, category, and the
        // scopes (trace and span ids, club and user). Arabic stays readable instead of \u-escaped.
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Environment.ApplicationName,
                serviceVersion: typeof(ServiceDefaultsExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddMeter("Npgsql", LiyaqaTelemetryPrefix)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(TraceSampleRatio(builder))))
                .AddSource(builder.Environment.ApplicationName, "Npgsql", LiyaqaTelemetryPrefix)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes and scrapes would drown the traces that matter.
                    options.Filter = context => !IsOperationsPath(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // The exporter's default 10 s deadline (with retries) is what a stopping instance would wait for a
            // collector that is already gone; a local collector answers in milliseconds.
            builder.Configuration[OtlpTimeoutKey] ??= "2000";

            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    private const string OtlpTimeoutKey = "OTEL_EXPORTER_OTLP_TIMEOUT";

    /// <summary>
    /// The share of requests traced (<c>Telemetry:TraceSampleRatio</c>): all of them in development, where the dashboard
    /// is how a developer follows a request, one in ten elsewhere, where a span per request and per SQL command costs
    /// a tenth of the throughput. A sampled caller's decision is followed (parent-based). Unsampled requests still
    /// log with their trace id, and metrics count every request.
    /// </summary>
    private static double TraceSampleRatio(IHostApplicationBuilder builder) =>
        double.TryParse(builder.Configuration["Telemetry:TraceSampleRatio"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio)
            ? Math.Clamp(ratio, 0, 1)
            : builder.Environment.IsDevelopment() ? 1.0 : 0.1;

    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/actuator") || path.StartsWithSegments("/api/health");

    /// <summary>Maps the liveness and readiness probes, in every environment.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthReportJson.WriteAsync,
        }).DisableHttpMetrics();

        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportJson.WriteAsync,
        }).DisableHttpMetrics();

        return app;
    }
}
