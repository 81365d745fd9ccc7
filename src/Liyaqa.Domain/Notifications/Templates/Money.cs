using Liyaqa.Domain.Common;

namespace Liyaqa.Domain.Notifications.Templates;

/// <summary>An amount in a currency, shown as the club's members read prices.</summary>
public readonly record struct Money(decimal Amount, string Currency);
