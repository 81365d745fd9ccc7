namespace Liyaqa.Infrastructure.Auditing;

/// <summary>Supplies the acting user and client of the current scope (the API reads them from the request).</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}
