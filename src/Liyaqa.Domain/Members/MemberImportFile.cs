using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Members;

/// <summary>The uploaded text of a member import, read by its job; cleared when the import ends. Keyed as its import.</summary>
public sealed class MemberImportFile : ITenantOwned
{
    private MemberImportFile()
    {
    }

    public MemberImportFile(string content) => Content = content;

    public Guid TenantId { get; private set; }

    public Guid Id { get; private set; }

    public string? Content { get; private set; }

    public void Clear() => Content = null;
}
