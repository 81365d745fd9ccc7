namespace Liyaqa.Domain.Members;

/// <summary>The uploaded text of a member import, read by its job; cleared when the import ends.</summary>
public sealed class MemberImportFile
{
    private MemberImportFile()
    {
    }

    public MemberImportFile(string content) => Content = content;

    public string? Content { get; private set; }

    public void Clear() => Content = null;
}
