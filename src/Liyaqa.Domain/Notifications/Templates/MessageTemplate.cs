using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Notifications.Templates;

/// <summary>A club's own wording of one message in one language, used instead of Liyaqa's default.</summary>
public sealed class MessageTemplate : Entity, ITenantOwned
{
    private MessageTemplate()
    {
    }

    public Guid TenantId { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string Language { get; private set; } = Languages.English;

    public string Subject { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public string Sms { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public TemplateText Text => new(Subject, Body, Sms);

    public static MessageTemplate Create(TemplateDefinition definition, string language, TemplateText text, DateTimeOffset now)
    {
        var template = new MessageTemplate { Key = definition.Key, Language = language };
        template.Change(definition, text, now);
        return template;
    }

    public void Change(TemplateDefinition definition, TemplateText text, DateTimeOffset now)
    {
        Validate(definition, text);
        (Subject, Body, Sms, UpdatedAt) = (text.Subject.Trim(), text.Body.Trim(), text.Sms.Trim(), now);
        Audit(AuditActions.MessageTemplateChanged, new { Key, Language });
    }

    /// <summary>Records that the club goes back to Liyaqa's default; the caller then deletes this override.</summary>
    public void RevertToDefault() => Audit(AuditActions.MessageTemplateReset, new { Key, Language });

    /// <summary>Every text present, within its length, and using only the message's variables.</summary>
    public static void Validate(TemplateDefinition definition, TemplateText text)
    {
        var errors = new DomainErrors()
            .Check(text.Subject?.Trim().Length is > 0 and <= TemplateText.MaxSubjectLength, "subject", $"A subject of 1-{TemplateText.MaxSubjectLength} characters is required.")
            .Check(text.Body?.Trim().Length is > 0 and <= TemplateText.MaxBodyLength, "body", $"A body of 1-{TemplateText.MaxBodyLength} characters is required.")
            .Check(text.Sms?.Trim().Length is > 0 and <= TemplateText.MaxSmsLength, "sms", $"An SMS text of 1-{TemplateText.MaxSmsLength} characters is required.");
        if (text.Subject is not null && text.Body is not null && text.Sms is not null)
        {
            foreach (var (field, variable) in text.Variables().Where(v => !definition.Variables.Contains(v.Variable)))
            {
                errors.Check(false, field, $"Unknown variable {{{{{variable}}}}}; this message has: {string.Join(", ", definition.Variables)}.");
            }
        }

        errors.ThrowIfAny();
    }
}
