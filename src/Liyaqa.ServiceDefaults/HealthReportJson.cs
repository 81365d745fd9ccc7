using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liyaqa.ServiceDefaults;

/// <summary>
/// Writes a health report in the runbook's shape: <c>{"status":"UP"|"DOWN","components":{name:{status,…}}}</c>,
/// so an operator sees at once which component failed.
/// </summary>
public static class HealthReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = StatusText(report.Status),
            timestamp = DateTimeOffset.UtcNow,
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            components = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = StatusText(entry.Value.Status),
                    description = entry.Value.Description ?? entry.Value.Exception?.Message,
                    durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                    details = entry.Value.Data.Count == 0 ? null : entry.Value.Data,
                }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }

    /// <summary>Degraded still serves traffic, so it reads as UP with a warning in the component.</summary>
    private static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "UP",
        HealthStatus.Degraded => "DEGRADED",
        _ => "DOWN",
    };
}
