namespace Liyaqa.Infrastructure.Health;

/// <summary>Names of the health components, as <c>/actuator/health</c> and <c>/health/ready</c> report them.</summary>
public static class HealthComponents
{
    public const string Database = "database";
    public const string Cache = "cache";
    public const string DiskSpace = "diskSpace";
    public const string Mail = "mail";
    public const string Jobs = "jobs";
}
