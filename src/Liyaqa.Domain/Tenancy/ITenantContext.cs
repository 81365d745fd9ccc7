namespace Liyaqa.Domain.Tenancy;

/// <summary>The tenant the current unit of work acts for; null when none is known (then no tenant data is visible).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
}
