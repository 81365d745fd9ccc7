using System.Diagnostics.Metrics;

namespace Liyaqa.Infrastructure.Health;

/// <summary>
/// Gauges behind the runbook's capacity alerts: the share of free space on the API's volume
/// (<c>liyaqa_disk_free_ratio</c>) and the memory the GC may use before the process runs out
/// (<c>liyaqa_memory_limit_bytes</c>: the container's limit when there is one).
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
            description: "Memory available to the process (GC's view of the machine or container limit)");
    }

    /// <summary>Starts reporting the free space of the volume holding <paramref name="path"/>.</summary>
    public static void Watch(string path) => _volume = path;

    public static double FreeRatio(string path)
    {
        var drive = new DriveInfo(path);
        return drive.TotalSize == 0 ? 0 : (double)drive.AvailableFreeSpace / drive.TotalSize;
    }
}
