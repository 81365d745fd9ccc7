using Liyaqa.Domain.Members;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Notifications;

/// <summary>
/// How features send messages: the club's wording of the message (its override, else Liyaqa's default)
/// is filled with the values formatted for the reader and added to the caller's unit of work, so it is
/// committed — and later delivered — together with the change that caused it.
/// </summary>
public sealed class Outbox(LiyaqaDbContext db, TimeProvider clock)
{
    public async Task<Notification> QueueEmailAsync(Tenant tenant, string templateKey, string language, string email, IReadOnlyDictionary<string, object?> values, CancellationToken ct)
    {
        var text = await RenderAsync(tenant, templateKey, language, values, ct);
        return Add(Notification.Email(tenant.Id, templateKey, language, email, text.Subject, text.Body, clock.GetUtcNow()));
    }

    public async Task<Notification> QueueSmsAsync(Tenant tenant, string templateKey, string language, string phone, IReadOnlyDictionary<string, object?> values, CancellationToken ct)
    {
        var text = await RenderAsync(tenant, templateKey, language, values, ct);
        return Add(Notification.Sms(tenant.Id, templateKey, language, phone, text.Sms, clock.GetUtcNow()));
    }

    /// <summary>
    /// A message to a member in their language, by email when they have an address, else by SMS; null when
    /// the club has no way to reach them. The member's name is added to the values.
    /// </summary>
    public async Task<Notification?> QueueForMemberAsync(Tenant tenant, Member member, string templateKey, IReadOnlyDictionary<string, object?> values, CancellationToken ct)
    {
        var withName = new Dictionary<string, object?>(values) { ["name"] = member.NameIn(member.Language) };
        return (member.Email, member.Phone) switch
        {
            ({ } email, _) => await QueueEmailAsync(tenant, templateKey, member.Language, email, withName, ct),
            (null, { } phone) => await QueueSmsAsync(tenant, templateKey, member.Language, phone, withName, ct),
            _ => null,
        };
    }

    /// <summary>The club's current wording of a message: its override when it has one.</summary>
    public async Task<(TemplateText Text, bool Overridden)> WordingAsync(string templateKey, string language, CancellationToken ct)
    {
        var custom = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == templateKey && t.Language == language, ct);
        return custom is null ? (MessageTemplates.Get(templateKey).DefaultIn(language), false) : (custom.Text, true);
    }

    /// <summary>Fills a wording with values for a reader of <paramref name="language"/> at <paramref name="tenant"/>.</summary>
    public static TemplateText Render(Tenant tenant, TemplateText text, string language, IReadOnlyDictionary<string, object?> values)
    {
        var format = new MessageFormat(language, tenant.TimeZone);
        var formatted = values.ToDictionary(v => v.Key, v => format.Format(v.Value));
        formatted.TryAdd("clubName", tenant.Name);
        return text.Render(formatted);
    }

    private async Task<TemplateText> RenderAsync(Tenant tenant, string templateKey, string language, IReadOnlyDictionary<string, object?> values, CancellationToken ct) =>
        Render(tenant, (await WordingAsync(templateKey, language, ct)).Text, language, values);

    private Notification Add(Notification notification)
    {
        db.NotificationQueue.Add(notification);
        return notification;
    }
}
