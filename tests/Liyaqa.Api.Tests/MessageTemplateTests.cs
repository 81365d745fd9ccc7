using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>A club words its own messages: the override is what members and staff receive, per club and language.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class MessageTemplateTests(LiyaqaAppFixture app)
{
    private const string Route = "/api/notification-templates";

    [Fact]
    public async Task A_club_sees_all_eleven_messages_in_Arabic_and_English_with_their_variables()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-list");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);

        var templates = await owner.GetFromJsonAsync<JsonElement>(Route);

        Assert.Equal(11, templates.GetArrayLength());
        var reminder = templates.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "class-reminder");
        Assert.Contains("startsAt", reminder.GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["ar", "en"], reminder.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("language").GetString()));
        Assert.All(reminder.GetProperty("languages").EnumerateArray(), l => Assert.False(l.GetProperty("overridden").GetBoolean()));
    }

    [Fact]
    public async Task The_clubs_Arabic_wording_is_what_arrives_until_the_club_goes_back_to_the_default()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-own");
        var ownerEmail = LiyaqaAppFixture.OwnerEmail(tenant.Slug);
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var wording = new { subject = "رابط كلمة المرور من {{clubName}}", body = "أهلاً {{name}}، هذا رابطك: {{link}}", sms = "{{link}}" };

        var changed = await owner.PutAsJsonAsync($"{Route}/password-reset/ar", wording);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var arabic = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("languages").EnumerateArray().Single(l => l.GetProperty("language").GetString() == "ar");
        Assert.True(arabic.GetProperty("overridden").GetBoolean());

        await RequestResetInArabicAsync(tenant.Slug, ownerEmail);
        var custom = await app.WaitForMailToAsync(ownerEmail);
        Assert.Equal($"رابط كلمة المرور من {tenant.Name}", custom.Subject);
        Assert.StartsWith("أهلاً ", custom.TextBody, StringComparison.Ordinal);
        Assert.Contains("/reset-password?tenant=", custom.TextBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Route}/password-reset/ar")).StatusCode);
        await RequestResetInArabicAsync(tenant.Slug, ownerEmail);
        var mails = await app.WaitForMailsToAsync(ownerEmail, 2);
        Assert.Contains(mails, m => m.Subject == $"إعادة تعيين كلمة المرور - {tenant.Name}");

        await using var sql = await app.OpenAsOwnerAsync();
        var actions = await sql.QueryAsync($"SELECT action FROM audit_log WHERE tenant_id = '{tenant.Id}' AND action LIKE 'MESSAGE_TEMPLATE%' ORDER BY created_at", r => r.GetString(0));
        Assert.Equal(["MESSAGE_TEMPLATE_CHANGED", "MESSAGE_TEMPLATE_RESET"], actions);
    }

    [Fact]
    public async Task A_wording_with_unknown_variables_or_missing_texts_is_refused_field_by_field_and_nothing_is_saved()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-bad");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);

        var refused = await owner.PutAsJsonAsync($"{Route}/class-reminder/en", new { subject = "See you {{name}}", body = "Pay {{amount}}", sms = "" });
        var errors = (await refused.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Contains("{{amount}}", errors.GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("sms", out _));
        Assert.False(errors.TryGetProperty("subject", out _));
        var current = await owner.GetFromJsonAsync<JsonElement>($"{Route}/class-reminder");
        Assert.All(current.GetProperty("languages").EnumerateArray(), l => Assert.False(l.GetProperty("overridden").GetBoolean()));
        await (await owner.PutAsJsonAsync($"{Route}/no-such-message/en", new { subject = "x", body = "y", sms = "z" })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await owner.PutAsJsonAsync($"{Route}/class-reminder/fr", new { subject = "x", body = "y", sms = "z" })).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_preview_renders_times_in_the_clubs_time_zone_and_money_in_its_currency()
    {
        var slug = $"tpl-prev-{Guid.NewGuid():N}"[..20];
        var provisioned = await app.Operator.PostAsJsonAsync("/api/platform/tenants", new
        {
            slug,
            name = "Dubai Fit",
            timeZone = "Asia/Dubai",
            currency = "AED",
            ownerEmail = LiyaqaAppFixture.OwnerEmail(slug),
            ownerName = "Owner",
            ownerPassword = LiyaqaAppFixture.OwnerPassword,
        });
        Assert.Equal(HttpStatusCode.Created, provisioned.StatusCode);
        using var owner = app.As((await app.LoginAsync(slug, LiyaqaAppFixture.OwnerEmail(slug), LiyaqaAppFixture.OwnerPassword)).AccessToken);

        var reminder = await (await owner.PostAsync($"{Route}/class-reminder/ar/preview", null)).Content.ReadFromJsonAsync<JsonElement>();
        var receipt = await (await owner.PostAsJsonAsync($"{Route}/payment-receipt/en/preview", new { subject = "{{amount}}", body = "Paid {{amount}} on {{paidAt}}", sms = "{{invoiceNumber}}" })).Content.ReadFromJsonAsync<JsonElement>();

        // Samples start at 15:30 UTC: 19:30 in Dubai.
        Assert.Contains("19:30", reminder.GetProperty("sms").GetString(), StringComparison.Ordinal);
        Assert.Contains("تذكير من Dubai Fit", reminder.GetProperty("sms").GetString(), StringComparison.Ordinal);
        Assert.Equal("AED 1,150.00", receipt.GetProperty("subject").GetString());
        Assert.StartsWith("Paid AED 1,150.00 on ", receipt.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_clubs_wording_is_invisible_to_another_club_and_out_of_its_reach()
    {
        var a = await app.ProvisionTenantAsync("tpl-a");
        var b = await app.ProvisionTenantAsync("tpl-b");
        using var ownerA = app.As((await app.LoginAsOwnerAsync(a)).AccessToken);
        using var ownerB = app.As((await app.LoginAsOwnerAsync(b)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await ownerB.PutAsJsonAsync($"{Route}/membership-expired/en", new { subject = "B only", body = "B {{name}}", sms = "B" })).StatusCode);

        var seenByA = await ownerA.GetFromJsonAsync<JsonElement>($"{Route}/membership-expired");
        Assert.All(seenByA.GetProperty("languages").EnumerateArray(), l => Assert.False(l.GetProperty("overridden").GetBoolean()));
        Assert.Equal(HttpStatusCode.NoContent, (await ownerA.DeleteAsync($"{Route}/membership-expired/en")).StatusCode);

        var stillB = await ownerB.GetFromJsonAsync<JsonElement>($"{Route}/membership-expired");
        var english = stillB.GetProperty("languages").EnumerateArray().Single(l => l.GetProperty("language").GetString() == "en");
        Assert.Equal("B only", english.GetProperty("subject").GetString());
    }

    private async Task RequestResetInArabicAsync(string slug, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add("X-Tenant-Id", slug);
        request.Headers.AcceptLanguage.ParseAdd("ar");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api.SendAsync(request)).StatusCode);
    }
}
