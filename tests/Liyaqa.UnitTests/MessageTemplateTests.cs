using Liyaqa.Domain.Common;
using Liyaqa.Domain.Notifications;
using Liyaqa.Domain.Notifications.Templates;

namespace Liyaqa.UnitTests;

public sealed class MessageTemplateTests
{
    public static TheoryData<string> Keys() => new(MessageTemplates.All.Select(t => t.Key));

    [Fact]
    public void Liyaqa_ships_the_eleven_messages_clubs_send()
    {
        Assert.Equal(
            ["staff-invitation", "password-reset", "booking-confirmed", "booking-cancelled", "waitlist-promoted", "waitlist-closed", "class-reminder",
             "membership-expiring", "membership-expired", "payment-receipt", "payment-failed"],
            MessageTemplates.All.Select(t => t.Key));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_default_is_valid_in_both_languages_and_the_Arabic_one_is_Arabic(string key)
    {
        var definition = MessageTemplates.Get(key);
        foreach (var language in Languages.All)
        {
            MessageTemplate.Validate(definition, definition.DefaultIn(language));
        }

        Assert.Contains(definition.Arabic.Body, c => c is >= '\u0600' and <= '\u06FF');
        Assert.DoesNotContain(definition.English.Body, c => c is >= '\u0600' and <= '\u06FF');
    }

    [Fact]
    public void A_wording_with_a_variable_the_message_does_not_have_is_refused_naming_the_field()
    {
        var definition = MessageTemplates.Get(MessageTemplates.ClassReminder);
        var invalid = Assert.Throws<DomainValidationException>(() =>
            MessageTemplate.Validate(definition, new TemplateText("Hi {{name}}", "Pay {{amount}} now", "{{className}}")));

        Assert.Equal(["body"], invalid.Errors.Keys);
        Assert.Contains("{{amount}}", invalid.Errors["body"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_fills_every_variable_and_leaves_unknown_ones_visible()
    {
        var rendered = new TemplateText("{{ name }} — {{clubName}}", "Hello {{name}}", "{{other}}")
            .Render(new Dictionary<string, string> { ["name"] = "سارة", ["clubName"] = "Fit Club" });

        Assert.Equal(new TemplateText("سارة — Fit Club", "Hello سارة", "{{other}}"), rendered);
    }

    [Fact]
    public void Instants_read_in_the_clubs_time_zone_with_day_and_month_names_of_the_language()
    {
        var instant = new DateTimeOffset(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);

        Assert.Equal("Thursday 26 November 2026, 18:30", new MessageFormat("en", "Asia/Riyadh").Format(instant));
        Assert.Equal("الخميس 26 نوفمبر 2026، 18:30", new MessageFormat("ar", "Asia/Riyadh").Format(instant));
        Assert.Equal("Thursday 26 November 2026, 19:30", new MessageFormat("en", "Asia/Dubai").Format(instant));
    }

    [Fact]
    public void Money_dates_and_numbers_read_as_Saudi_receipts_print_them()
    {
        var arabic = new MessageFormat("ar", "Asia/Riyadh");
        var english = new MessageFormat("en", "Asia/Riyadh");

        Assert.Equal("1,150.00 ر.س", arabic.Format(new Money(1150m, "SAR")));
        Assert.Equal("SAR 1,150.00", english.Format(new Money(1150m, "SAR")));
        Assert.Equal("3 ديسمبر 2026", arabic.Format(new DateOnly(2026, 12, 3)));
        Assert.Equal("12,500", english.Format(12500));
    }

    [Theory]
    [InlineData("0551234567", "+966551234567")]
    [InlineData("551234567", "+966551234567")]
    [InlineData("+966 55 123 4567", "+966551234567")]
    [InlineData("00966551234567", "+966551234567")]
    [InlineData("966-55-123-4567", "+966551234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("12345", null)]
    [InlineData("not a number", null)]
    public void Phone_numbers_are_stored_as_E164_however_people_write_them(string input, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.Normalize(input));

    [Fact]
    public void A_text_message_goes_only_to_an_E164_number()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(NotificationChannel.Sms, Notification.Sms(Guid.NewGuid(), "class-reminder", "ar", "+966551234567", "تذكير", now).Channel);
        Assert.Throws<ArgumentException>(() => Notification.Sms(Guid.NewGuid(), "class-reminder", "ar", "0551234567", "تذكير", now));
        Assert.True(PhoneNumbers.IsSaudiMobile("+966551234567"));
        Assert.False(PhoneNumbers.IsSaudiMobile("+966112345678"));
    }
}
