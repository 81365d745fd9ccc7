using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Notifications;

public enum NotificationChannel
{
    Email,
    Sms,
}
