using Liyaqa.Domain.Common;
using Liyaqa.Domain.Notifications.Templates;

namespace Liyaqa.Api.Features.Notifications;

/// <summary>Believable values for previewing a message, typed like the real ones so they format the same way.</summary>
internal static class SampleValues
{
    public static Dictionary<string, object?> For(TemplateDefinition definition, string language, string currency, DateTimeOffset now)
    {
        var arabic = language == Languages.Arabic;
        var tomorrowEvening = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(15).AddMinutes(30), TimeSpan.Zero);
        var samples = new Dictionary<string, object?>
        {
            ["name"] = arabic ? "سارة الحربي" : "Sara Al-Harbi",
            ["link"] = "https://app.liyaqa.example/reset-password?token=…",
            ["className"] = arabic ? "دراجات داخلية" : "Indoor cycling",
            ["branchName"] = arabic ? "الفرع الرئيسي" : "Main branch",
            ["startsAt"] = tomorrowEvening,
            ["reason"] = arabic ? "أُلغي الكلاس من قبل النادي." : "The club cancelled the class.",
            ["planName"] = arabic ? "ذهبي - 3 أشهر" : "Gold - 3 months",
            ["endsOn"] = DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)),
            ["endedOn"] = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)),
            ["daysLeft"] = 7,
            ["amount"] = new Money(1150m, currency),
            ["paidAt"] = now,
            ["invoiceNumber"] = "INV-2026-000123",
            ["description"] = arabic ? "عضوية ذهبية - 3 أشهر" : "Gold membership - 3 months",
        };
        return definition.Variables.Where(v => v != "clubName").ToDictionary(v => v, v => samples.GetValueOrDefault(v));
    }
}
