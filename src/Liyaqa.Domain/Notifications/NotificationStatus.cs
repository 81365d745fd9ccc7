using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Notifications;

/// <summary>Where a queued message is: waiting, being sent, delivered, or given up after its retries.</summary>
public enum NotificationStatus
{
    Pending,
    Sending,
    Sent,
    Dead,
}
