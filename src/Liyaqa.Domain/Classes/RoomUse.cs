using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

/// <summary>The upcoming class that needs the most places in a room: a room may not shrink below it.</summary>
public sealed record RoomUse(string ClassName, DateTimeOffset StartsAt, int Capacity);
