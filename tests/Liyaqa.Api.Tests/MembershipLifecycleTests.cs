using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>
/// The daily membership job (every 2 s in the tests): reminders before the end, expiry with a message,
/// monthly renewal — each notice once. Dates are moved in the database to put a membership at its end.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class MembershipLifecycleTests(LiyaqaAppFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);

    private async Task EndOnAsync(Guid subscription, DateOnly end)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        await using var move = new Npgsql.NpgsqlCommand(
            $"UPDATE subscriptions SET start_date = DATE '{end:yyyy-MM-dd}' - 29, end_date = DATE '{end:yyyy-MM-dd}', base_end_date = DATE '{end:yyyy-MM-dd}' WHERE id = '{subscription}'", sql);
        await move.ExecuteNonQueryAsync();
    }

    private static async Task<string> WaitForStatusAsync(HttpClient client, Guid member, string status)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var current = (await client.GetFromJsonAsync<JsonElement>($"/api/members/{member}")).GetProperty("status").GetString()!;
            if (current == status || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return current;
            }

            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task A_member_is_reminded_a_week_before_the_end_once_in_their_language()
    {
        var tenant = await app.ProvisionTenantAsync("life-remind");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var email = $"reminded@{tenant.Slug}.test";
        var member = (await owner.CreateMemberAsync(email: email)).Id();
        var sold = await owner.SellAsync(member, (await owner.CreatePlanAsync()).Id());
        await EndOnAsync(sold.Id(), Today.AddDays(7));

        var mail = await app.WaitForMailToAsync(email);
        Assert.StartsWith("تنتهي عضويتك", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("مرحباً سارة الحربي", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("(متبقٍ 7 أيام)", mail.TextBody, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(app.Received(), m => m.To.Mailboxes.Any(to => to.Address == email));
        var subscription = await owner.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{sold.Id()}");
        Assert.Equal("Active", (await owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}")).GetProperty("status").GetString());
        Assert.Equal(Today.AddDays(7), DateOnly.FromDateTime(subscription.GetProperty("endDate").GetDateTime()));
    }

    [Fact]
    public async Task An_ended_membership_expires_the_member_and_tells_them_by_SMS_when_they_have_no_email()
    {
        var tenant = await app.ProvisionTenantAsync("life-expire");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var phone = ClubData.NextMobile();
        var member = (await owner.CreateMemberAsync(phone: phone)).Id();
        var sold = await owner.SellAsync(member, (await owner.CreatePlanAsync()).Id());
        await EndOnAsync(sold.Id(), Today.AddDays(-1));

        Assert.Equal("Expired", await WaitForStatusAsync(owner, member, "Expired"));
        var clock = Stopwatch.StartNew();
        while (!app.SmsProvider.Requests.Any(r => r.Body.GetProperty("to").GetString() == phone) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        var text = Assert.Single(app.SmsProvider.Requests, r => r.Body.GetProperty("to").GetString() == phone).Body.GetProperty("text").GetString();
        Assert.Contains("انتهت عضويتك", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_monthly_membership_renews_itself_at_its_end_unless_cancelled()
    {
        var tenant = await app.ProvisionTenantAsync("life-renew");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        var monthly = (await owner.CreatePlanAsync(kind: "RecurringMonthly", price: 199m)).Id();
        var member = (await owner.CreateMemberAsync()).Id();
        var sold = await owner.SellAsync(member, monthly);
        var leaving = (await owner.CreateMemberAsync("Leaving", "Member", null, null)).Id();
        var cancelled = await owner.SellAsync(leaving, monthly);
        await owner.PostOkAsync($"/api/subscriptions/{cancelled.Id()}/cancel", new { atPeriodEnd = true });
        await EndOnAsync(sold.Id(), Today.AddDays(-1));
        await EndOnAsync(cancelled.Id(), Today.AddDays(-1));

        Assert.Equal("Cancelled", await WaitForStatusAsync(owner, leaving, "Cancelled"));
        var subscriptions = await owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}/subscriptions");
        Assert.Equal(2, subscriptions.GetArrayLength());
        var renewal = subscriptions[0];
        Assert.Equal(Today, DateOnly.FromDateTime(renewal.GetProperty("startDate").GetDateTime()));
        Assert.Equal(199m, renewal.GetProperty("charge").GetProperty("total").GetDecimal());
        Assert.Equal("Active", (await owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}")).GetProperty("status").GetString());
        Assert.Single((await owner.GetFromJsonAsync<JsonElement>($"/api/members/{leaving}/subscriptions")).EnumerateArray());
    }
}
