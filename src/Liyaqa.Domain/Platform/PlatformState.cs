using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Platform;

/// <summary>Platform-wide state kept in one row, such as the instant before which no session is valid.</summary>
public sealed class PlatformState : IPlatformGlobal
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public DateTimeOffset SessionsValidAfter { get; set; }
}
