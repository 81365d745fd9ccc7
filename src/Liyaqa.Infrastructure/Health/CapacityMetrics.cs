using System.Diagnostics.Metrics;

namespace Liyaqa.Infrastructure.Health;

/// <summary>
/// Gauges behind the runbook's capacity alerts: the share of free space on the API's volume
/// (<c>liyaqa_disk_free_ratio</c>) and the memory the GC may use before the process runs out
/// (<c>liyaqa_memory_limit_bytes</c>: the machine's memory, or in a container the GC's heap limit — by
/// default 75 % of the container's limit — so alerts on it fire before the container is killed).
/// </summary>
public static class CapacityMetrics
{
    private static readonly Meter Meter = new("Liyaqa.Capacity");
    private static string? _volume;

    static CapacityMetrics()
    {
        Meter.CreateObservableGauge<double>("liyaqa.disk.free_ratio", () => _volume is null ? [] : [new Measurement<double>(FreeRatio(_volume))],
            description: "Free share (0-1) of the volume the API runs from");
        Meter.CreateObservableGauge("liyaqa.memory.limit", () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, unit: "By",
            description: "Memory the GC may use (the machine's memory, or 75 % of a container's limit by default)");
    }

    /// <summary>Starts reporting the free space of the volume holding <paramref name="path"/>.</summary>
    public static void Watch(string path) => _volume = path;

    public static double FreeRatio(string path)
    {
        var drive = new DriveInfo(path);
        return drive.TotalSize == 0 ? 0 : (double)drive.AvailableFreeSpace / drive.TotalSize;
    }
}
