using Liyaqa.Domain.Common;
using Liyaqa.Domain.Tenants;

namespace Liyaqa.UnitTests;

public sealed class TenantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_club_is_active_in_Riyadh_time_charging_SAR_with_15_percent_VAT()
    {
        var tenant = Tenant.Provision("  Fit-Club ", " Fit Club ", null, null, null, Now);

        Assert.Equal("fit-club", tenant.Slug);
        Assert.Equal("Fit Club", tenant.Name);
        Assert.Equal(TenantStatus.Active, tenant.Status);
        Assert.Equal("Asia/Riyadh", tenant.TimeZone);
        Assert.Equal("SAR", tenant.Currency);
        Assert.Equal(0.15m, tenant.VatRate);
        Assert.Equal(Now, tenant.CreatedAt);
    }

    [Fact]
    public void A_club_may_choose_its_time_zone_currency_and_VAT()
    {
        var tenant = Tenant.Provision("dubai-gym", "Dubai Gym", "Asia/Dubai", "aed", 0.05m, Now);

        Assert.Equal(("Asia/Dubai", "AED", 0.05m), (tenant.TimeZone, tenant.Currency, tenant.VatRate));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-starts-with-hyphen")]
    [InlineData("ends-with-hyphen-")]
    [InlineData("has space")]
    [InlineData("نادي")]
    [InlineData("this-slug-is-much-too-long-to-be-accepted-here")]
    public void A_slug_must_be_3_to_40_lowercase_letters_digits_or_hyphens(string slug)
    {
        var error = Assert.Throws<DomainValidationException>(() => Tenant.Provision(slug, "Club", null, null, null, Now));

        Assert.Equal(["slug"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("310123456700003", true)]
    [InlineData("300000000000003", true)]
    [InlineData("210123456700003", false)]
    [InlineData("31012345670000", false)]
    [InlineData("31012345670000X", false)]
    public void A_Saudi_club_VAT_number_has_15_digits_from_3_to_3(string vatNumber, bool valid)
    {
        var provision = () => Tenant.Provision("vat-club", "VAT Club", null, null, null, Now, vatNumber);

        if (valid)
        {
            Assert.Equal(vatNumber, provision().VatNumber);
        }
        else
        {
            Assert.Equal(["vatNumber"], Assert.Throws<DomainValidationException>(provision).Errors.Keys);
        }
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            Tenant.Provision("ok-slug", "", "Mars/Olympus", "riyals", 1m, Now));

        Assert.Equal(["currency", "name", "timeZone", "vatRate"], error.Errors.Keys.Order());
    }

}
