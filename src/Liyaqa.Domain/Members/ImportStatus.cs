using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}
