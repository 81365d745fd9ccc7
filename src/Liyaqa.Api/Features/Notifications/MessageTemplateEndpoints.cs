using System.ComponentModel.DataAnnotations;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Notifications;

public sealed record MessageWording(string Language, string Subject, string Body, string Sms, bool Overridden);

public sealed record MessageTemplateResponse(string Key, string Description, IReadOnlyList<string> Variables, IReadOnlyList<MessageWording> Languages);

public sealed record ChangeWordingRequest(
    [property: MaxLength(TemplateText.MaxSubjectLength)] string Subject,
    [property: MaxLength(TemplateText.MaxBodyLength)] string Body,
    [property: MaxLength(TemplateText.MaxSmsLength)] string Sms);

/// <summary>The texts a preview produced, with the sample values it used.</summary>
public sealed record MessagePreview(string Subject, string Body, string Sms, IReadOnlyDictionary<string, string> SampleValues);

/// <summary>
/// The club's messages: staff read every message in both languages, see which are the club's own
/// wording, change a wording (only the message's variables are allowed), preview it, and go back to
/// Liyaqa's default.
/// </summary>
public static class MessageTemplateEndpoints
{
    public const string Route = "/api/notification-templates";

    public static WebApplication MapMessageTemplates(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.TemplatesRead).WithTags("Notification templates");
        read.MapGet("/", ListAsync).WithSummary("Every message the club sends, in Arabic and English, with its variables.");
        read.MapGet("/{key}", GetAsync).WithSummary("One message in both languages.");
        read.MapPost("/{key}/{language}/preview", PreviewAsync)
            .WithSummary("Render a wording (the one given, else the current one) with sample values, in the club's time zone and formats.");

        var manage = app.MapTenantGroup(Route, Permissions.TemplatesManage).WithTags("Notification templates");
        manage.MapPut("/{key}/{language}", ChangeAsync).WithSummary("Use the club's own wording of a message in one language.");
        manage.MapDelete("/{key}/{language}", RevertAsync).WithSummary("Go back to Liyaqa's default wording.");
        return app;
    }

    private static async Task<Ok<List<MessageTemplateResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct)
    {
        var overrides = await db.MessageTemplates.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(MessageTemplates.All.Select(d => Describe(d, overrides)).ToList());
    }

    private static async Task<Results<Ok<MessageTemplateResponse>, NotFound>> GetAsync(string key, LiyaqaDbContext db, CancellationToken ct)
    {
        if (MessageTemplates.Find(key) is not { } definition)
        {
            return TypedResults.NotFound();
        }

        var overrides = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key).ToListAsync(ct);
        return TypedResults.Ok(Describe(definition, overrides));
    }

    private static async Task<Results<Ok<MessageTemplateResponse>, NotFound>> ChangeAsync(
        string key, string language, ChangeWordingRequest request, LiyaqaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (MessageTemplates.Find(key) is not { } definition || !Languages.IsSupported(language))
        {
            return TypedResults.NotFound();
        }

        var text = new TemplateText(request.Subject, request.Body, request.Sms);
        var current = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Key == key && t.Language == language, ct);
        if (current is null)
        {
            db.MessageTemplates.Add(MessageTemplate.Create(definition, language, text, clock.GetUtcNow()));
        }
        else
        {
            current.Change(definition, text, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Describe(definition, await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key).ToListAsync(ct)));
    }

    private static async Task<Results<NoContent, NotFound>> RevertAsync(string key, string language, LiyaqaDbContext db, CancellationToken ct)
    {
        if (MessageTemplates.Find(key) is null || !Languages.IsSupported(language))
        {
            return TypedResults.NotFound();
        }

        if (await db.MessageTemplates.SingleOrDefaultAsync(t => t.Key == key && t.Language == language, ct) is { } custom)
        {
            custom.RevertToDefault();
            db.MessageTemplates.Remove(custom);
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MessagePreview>, NotFound>> PreviewAsync(
        string key, string language, ChangeWordingRequest? request, LiyaqaDbContext db, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        if (MessageTemplates.Find(key) is not { } definition || !Languages.IsSupported(language))
        {
            return TypedResults.NotFound();
        }

        var text = request is { Subject: not null, Body: not null, Sms: not null }
            ? new TemplateText(request.Subject, request.Body, request.Sms)
            : (await outbox.WordingAsync(key, language, ct)).Text;
        MessageTemplate.Validate(definition, text);
        var tenant = await db.CurrentTenantAsync(ct);
        var samples = SampleValues.For(definition, language, tenant.Currency, clock.GetUtcNow());
        var rendered = Outbox.Render(tenant, text, language, samples);
        var format = new MessageFormat(language, tenant.TimeZone);
        return TypedResults.Ok(new MessagePreview(rendered.Subject, rendered.Body, rendered.Sms, samples.ToDictionary(s => s.Key, s => format.Format(s.Value))));
    }

    private static MessageTemplateResponse Describe(TemplateDefinition definition, IReadOnlyList<MessageTemplate> overrides) =>
        new(definition.Key, definition.Description, definition.Variables, Languages.All.Select(language =>
        {
            var custom = overrides.SingleOrDefault(o => o.Key == definition.Key && o.Language == language);
            var text = custom?.Text ?? definition.DefaultIn(language);
            return new MessageWording(language, text.Subject, text.Body, text.Sms, custom is not null);
        }).ToList());
}
