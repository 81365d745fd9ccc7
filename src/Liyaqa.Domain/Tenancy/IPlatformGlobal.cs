namespace Liyaqa.Domain.Tenancy;

/// <summary>Marks data shared by the whole platform (tenants themselves, platform operators).</summary>
public interface IPlatformGlobal;
