using Liyaqa.Domain.Tenancy;
using Liyaqa.Domain.Users;

namespace Liyaqa.Domain.Classes;

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}
