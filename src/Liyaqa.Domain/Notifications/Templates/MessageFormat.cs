using System.Globalization;
using Liyaqa.Domain.Common;

namespace Liyaqa.Domain.Notifications.Templates;

/// <summary>
/// Turns a message's values into text for its reader: instants in the club's time zone, day and month
/// names in the message's language (Gregorian calendar), numbers with Latin digits as Saudi receipts
/// print them, and money with its currency.
/// </summary>
public sealed class MessageFormat
{
    private static readonly CultureInfo Numbers = CultureInfo.GetCultureInfo("en-US");
    private readonly string _language;
    private readonly TimeZoneInfo _timeZone;
    private readonly CultureInfo _dates;

    public MessageFormat(string language, string timeZone)
    {
        _language = language;
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var dates = (CultureInfo)CultureInfo.GetCultureInfo(language == Languages.Arabic ? "ar-SA" : "en-GB").Clone();
        dates.DateTimeFormat.Calendar = new GregorianCalendar();
        _dates = dates;
    }

    public string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        DateTimeOffset instant => TimeZoneInfo.ConvertTime(instant, _timeZone).ToString(_language == Languages.Arabic ? "dddd d MMMM yyyy، HH:mm" : "dddd d MMMM yyyy, HH:mm", _dates),
        DateOnly date => date.ToString("d MMMM yyyy", _dates),
        Money money => FormatMoney(money),
        decimal number => number.ToString("#,0.##", Numbers),
        int number => number.ToString("#,0", Numbers),
        long number => number.ToString("#,0", Numbers),
        IFormattable other => other.ToString(null, Numbers),
        _ => value.ToString() ?? string.Empty,
    };

    private string FormatMoney(Money money)
    {
        var amount = money.Amount.ToString("#,0.00", Numbers);
        return _language == Languages.Arabic
            ? $"{amount} {(money.Currency == "SAR" ? "ر.س" : money.Currency)}"
            : $"{money.Currency} {amount}";
    }
}
