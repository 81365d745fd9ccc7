using Liyaqa.Domain.Common;

namespace Liyaqa.Domain.Notifications.Templates;

/// <summary>A message Liyaqa sends, the variables it may use, and the texts it ships with.</summary>
public sealed record TemplateDefinition(string Key, string Description, IReadOnlyList<string> Variables, TemplateText English, TemplateText Arabic)
{
    public TemplateText DefaultIn(string language) => language == Languages.Arabic ? Arabic : English;
}
