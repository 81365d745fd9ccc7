using Liyaqa.Domain.Members;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Liyaqa.Infrastructure.Tenancy;

namespace Liyaqa.Api.Features.Notifications;

/// <summary>
/// How features send messages: the club's wording of the message (its override, else Liyaqa's default)
/// is filled with the values formatted for the reader and added to the caller's unit of work, so it is
/// committed — and later delivered — together with the change that caused it.
/// </summary>
public sealed class Outbox(LiyaqaDbContext db, ClubSettingsCache clubs, TimeProvider clock)
{
    public async Task<Notification> QueueEmailAsync(Tenant tenant, string templateKey, string language, string email, IReadOnlyDictionary<string, object?> values, CancellationToken ct) =>
        Queue(await EmailAsync(tenant, templateKey, language, email, values, ct));

    public async Task<Notification> QueueSmsAsync(Tenant tenant, string templateKey, string language, string phone, IReadOnlyDictionary<string, object?> values, CancellationToken ct) =>
        Queue(await SmsAsync(tenant, templateKey, language, phone, values, ct));

    /// <summary>
    /// A message to a member in their language, by email when they have an address, else by SMS; null when
    /// the club has no way to reach them. The member's name is added to the values.
    /// </summary>
    public async Task<Notification?> QueueForMemberAsync(Tenant tenant, Member member, string templateKey, IReadOnlyDictionary<string, object?> values, CancellationToken ct) =>
        await ForMemberAsync(tenant, member, templateKey, values, ct) is { } notification ? Queue(notification) : null;

    /// <summary>
    /// The message <see cref="QueueForMemberAsync"/> would queue, written but not yet queued: for a change that
    /// decides later, under a lock it should hold briefly, whether the message goes (<see cref="Queue"/>).
    /// </summary>
    public async Task<Notification?> ForMemberAsync(Tenant tenant, Member member, string templateKey, IReadOnlyDictionary<string, object?> values, CancellationToken ct)
    {
        var withName = new Dictionary<string, object?>(values) { ["name"] = member.NameIn(member.Language) };
        return (member.Email, member.Phone) switch
        {
            ({ } email, _) => await EmailAsync(tenant, templateKey, member.Language, email, withName, ct),
            (null, { } phone) => await SmsAsync(tenant, templateKey, member.Language, phone, withName, ct),
            _ => null,
        };
    }

    /// <summary>Adds a written message to the caller's unit of work.</summary>
    public Notification Queue(Notification notification)
    {
        db.NotificationQueue.Add(notification);
        return notification;
    }

    /// <summary>The club's current wording of a message: its override when it has one.</summary>
    public async Task<(TemplateText Text, bool Overridden)> WordingAsync(string templateKey, string language, CancellationToken ct)
    {
        // A context acting for no club sees no club's wording (row-level security), so Liyaqa's default applies.
        var custom = db.CurrentTenantId is null ? null : (await clubs.ForAsync(db, ct)).Template(templateKey, language);
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

    private async Task<Notification> EmailAsync(Tenant tenant, string templateKey, string language, string email, IReadOnlyDictionary<string, object?> values, CancellationToken ct)
    {
        var text = await RenderAsync(tenant, templateKey, language, values, ct);
        return Notification.Email(tenant.Id, templateKey, language, email, text.Subject, text.Body, clock.GetUtcNow());
    }

    private async Task<Notification> SmsAsync(Tenant tenant, string templateKey, string language, string phone, IReadOnlyDictionary<string, object?> values, CancellationToken ct)
    {
        var text = await RenderAsync(tenant, templateKey, language, values, ct);
        return Notification.Sms(tenant.Id, templateKey, language, phone, text.Sms, clock.GetUtcNow());
    }
}
