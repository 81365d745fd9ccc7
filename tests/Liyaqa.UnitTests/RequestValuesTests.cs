using Liyaqa.Api.Common.Boundary;
using Liyaqa.Domain.Common;

namespace Liyaqa.UnitTests;

public sealed class RequestValuesTests
{
    [Theory]
    [InlineData("Sara Al-Harbi")]
    [InlineData("سارة الحربي 😀")]
    [InlineData("line one\r\nline two\tand a tab")]
    [InlineData("")]
    public void Ordinary_text_in_any_script_is_accepted(string value) => Assert.Null(RequestValues.Refusal(value, 100));

    [Theory]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("del\u007f", "U+007F")]
    public void NUL_and_control_characters_are_refused(string value, string named) =>
        Assert.Contains(named, RequestValues.Refusal(value, 100), StringComparison.Ordinal);

    [Fact]
    public void Unpaired_surrogates_are_refused()
    {
        Assert.Contains("U+D800", RequestValues.Refusal("lone \ud800 high", 100), StringComparison.Ordinal);
        Assert.Contains("U+DC00", RequestValues.Refusal("\udc00 low first", 100), StringComparison.Ordinal);
        Assert.Contains("U+D83D", RequestValues.Refusal("cut at the end \ud83d", 100), StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_over_its_limit_is_refused_and_one_at_it_accepted()
    {
        Assert.Null(RequestValues.Refusal(new string('x', 254), 254));
        Assert.Equal("At most 254 characters.", RequestValues.Refusal(new string('x', 255), 254));
    }

    [Theory]
    [InlineData("0001-01-01", false)]
    [InlineData("1899-12-31", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2999-12-31", true)]
    [InlineData("9999-12-31", false)]
    public void Dates_are_accepted_from_1900_to_2999(string date, bool accepted) =>
        Assert.Equal(accepted, RequestValues.Refusal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)) is null);

    [Fact]
    public void A_megabyte_email_is_masked_to_a_short_log_value()
    {
        var masked = PersonalData.Mask($"sara@{new string('x', 1 << 20)}.test");

        Assert.Equal(PersonalData.MaxMaskedLength, masked.Length);
        Assert.StartsWith("s***@xxx", masked, StringComparison.Ordinal);
        Assert.EndsWith("…", masked, StringComparison.Ordinal);
        Assert.Equal("s***@example.com", PersonalData.Mask("sara@example.com"));
    }
}
