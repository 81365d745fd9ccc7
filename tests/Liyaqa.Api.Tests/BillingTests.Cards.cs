using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>Card payments through the gateway simulator, its signed webhooks, and renewals collected from saved cards.</summary>
public sealed partial class BillingTests
{
    private const string ApprovedCard = "4111111111111111";
    private const string InsufficientFundsCard = "4000000000000002";
    private const string SlowCard = "4000000000000119";
    private const string SettlesLaterCard = "4000000000000077";

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);

    /// <summary>A card token from the simulator, as the member's browser or the card terminal gets one.</summary>
    private async Task<string> CardTokenAsync(string number)
    {
        var response = await app.Gateway.PostAsJsonAsync("/v1/tokens", new { number, expiryMonth = 12, expiryYear = Year + 2, cvc = "123", holder = "Sara Al-Harbi" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> PayByCardAsync(Club club, Guid member, Guid invoice, decimal amount, string? token, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/card") { Content = JsonContent.Create(new { memberId = member, invoiceId = invoice, amount, cardToken = token }) };
        request.Headers.Add("Idempotency-Key", key);
        return await club.Owner.SendAsync(request);
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var current = await read();
            if (done(current))
            {
                return current;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}; last seen {current}");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task The_gateway_simulator_checks_keys_cards_and_idempotency_as_a_real_gateway_does()
    {
        using var anonymous = new HttpClient { BaseAddress = app.Gateway.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/v1/tokens", new { number = ApprovedCard, expiryMonth = 1, expiryYear = Year + 1, cvc = "123" })).StatusCode);

        var invalid = await app.Gateway.PostAsJsonAsync("/v1/tokens", new { number = "4111111111111112", expiryMonth = 1, expiryYear = Year - 1, cvc = "12" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["cvc", "expiry", "number"], errors.EnumerateObject().Select(e => e.Name).Order());

        var token = await CardTokenAsync(ApprovedCard);
        var charge = new { amount = 10_000, currency = "SAR", source = new { token }, description = "test" };
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Gateway.PostAsJsonAsync("/v1/charges", charge)).StatusCode);
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> ChargeAsync(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/charges") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await app.Gateway.SendAsync(request);
        }

        var first = await ChargeAsync(charge);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await ChargeAsync(charge);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await ChargeAsync(charge with { amount = 20_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ChargeAsync(new { amount = 10_000, currency = "USD", source = new { token } })).StatusCode);
    }

    [Fact]
    public async Task Card_payments_are_approved_declined_or_settled_later_and_each_paid_charge_records_exactly_one_payment()
    {
        using var club = await ClubAsync("bill-card");
        var (member, invoice) = await club.SoldMemberAsync();
        var approved = await CardTokenAsync(ApprovedCard);

        // Approved at once; the same request again is the same payment.
        var paid = await PayByCardAsync(club, member, invoice.Id(), 100m, approved, "card-1");
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var charge = await paid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Paid", charge.GetProperty("status").GetString());
        var retried = await PayByCardAsync(club, member, invoice.Id(), 100m, approved, "card-1");
        Assert.Equal(charge.GetProperty("paymentId").GetGuid(), (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetGuid());

        // Two parallel requests with one key charge the card once.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PayByCardAsync(club, member, invoice.Id(), 45m, approved, "card-2")));
        Assert.All(parallel, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        // Declined with the issuer's reason; nothing is paid.
        var declined = await PayByCardAsync(club, member, invoice.Id(), 50m, await CardTokenAsync(InsufficientFundsCard), "card-3");
        var problem = await declined.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("payment-declined", problem.GetProperty("code").GetString());
        Assert.Contains("insufficient funds", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200m, (await club.InvoiceOfAsync(member)).GetProperty("outstanding").GetDecimal());

        // Accepted pending; the gateway's webhook settles it a moment later.
        var pending = await PayByCardAsync(club, member, invoice.Id(), 100m, await CardTokenAsync(SettlesLaterCard), "card-4");
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        Assert.Equal("Pending", (await pending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await WaitForAsync(() => club.InvoiceOfAsync(member), i => i.GetProperty("outstanding").GetDecimal() == 100m, "the pending charge to settle");

        // The gateway answers too late: the charge is unknown, and its webhook records it once.
        var slow = await PayByCardAsync(club, member, invoice.Id(), 100m, await CardTokenAsync(SlowCard), "card-5");
        Assert.Equal(HttpStatusCode.Accepted, slow.StatusCode);
        Assert.Equal("Unknown", (await slow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await WaitForAsync(() => club.InvoiceOfAsync(member), i => i.GetProperty("status").GetString() == "Paid", "the slow charge's webhook");
        await Task.Delay(TimeSpan.FromSeconds(2)); // the gateway's webhook may come again: nothing changes

        var payments = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments?memberId={member}")).EnumerateArray().ToList();
        Assert.Equal([45m, 100m, 100m, 100m], payments.Select(p => p.GetProperty("amount").GetDecimal()).Order());
        Assert.All(payments, p => Assert.Equal("Online", p.GetProperty("method").GetString()));
        Assert.All(payments, p => Assert.StartsWith("ch_", p.GetProperty("reference").GetString(), StringComparison.Ordinal));
        var charges = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments/card-charges?memberId={member}")).EnumerateArray().ToList();
        Assert.Equal(["Declined", "Paid", "Paid", "Paid", "Paid"], charges.Select(c => c.GetProperty("status").GetString()).Order());
        Assert.Equal(4, charges.Where(c => c.GetProperty("status").GetString() == "Paid").Select(c => c.GetProperty("paymentId").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task A_card_payment_is_refunded_to_the_card_at_the_gateway_and_a_retried_refund_pays_back_once()
    {
        using var club = await ClubAsync("bill-cardback");
        var (member, invoice) = await club.SoldMemberAsync();
        var paid = await (await PayByCardAsync(club, member, invoice.Id(), 345m, await CardTokenAsync(ApprovedCard), "back-1")).Content.ReadFromJsonAsync<JsonElement>();

        async Task<HttpResponseMessage> RefundAsync(decimal amount, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/invoices/{invoice.Id()}/refunds") { Content = JsonContent.Create(new { reason = "Moved to Jeddah", amount }) };
            request.Headers.Add("Idempotency-Key", key);
            return await club.Owner.SendAsync(request);
        }

        var first = await RefundAsync(100m, "back-refund-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var refund = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refund");
        Assert.Equal(("Online", -100m), (refund.GetProperty("method").GetString(), refund.GetProperty("amount").GetDecimal()));
        Assert.StartsWith("rf_", refund.GetProperty("reference").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await RefundAsync(100m, "back-refund-1")).StatusCode);

        // The gateway gave back 100.00 of the 345.00 charge, once.
        var atGateway = await app.Gateway.GetFromJsonAsync<JsonElement>($"/v1/charges/{paid.GetProperty("gatewayReference").GetString()}");
        Assert.Equal(10_000, atGateway.GetProperty("refunded").GetInt64());
        Assert.Equal("refund-exceeds-paid", (await (await RefundAsync(300m, "back-refund-2")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        Assert.Equal(10_000, (await app.Gateway.GetFromJsonAsync<JsonElement>($"/v1/charges/{paid.GetProperty("gatewayReference").GetString()}")).GetProperty("refunded").GetInt64());
    }

    [Fact]
    public async Task Another_club_cannot_charge_see_or_save_cards_for_a_clubs_members()
    {
        using var club = await ClubAsync("bill-card-a");
        using var other = await ClubAsync("bill-card-b");
        var (member, invoice) = await club.SoldMemberAsync();
        var token = await CardTokenAsync(ApprovedCard);
        Assert.Equal(HttpStatusCode.Created, (await PayByCardAsync(club, member, invoice.Id(), 45m, token, "iso-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await club.Owner.PutAsJsonAsync($"/api/members/{member}/payment-card", new { token })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await PayByCardAsync(other, member, invoice.Id(), 45m, token, "iso-2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.PutAsJsonAsync($"/api/members/{member}/payment-card", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync($"/api/members/{member}/payment-card")).StatusCode);
        Assert.Empty((await other.Owner.GetFromJsonAsync<JsonElement>($"/api/payments/card-charges?memberId={member}")).EnumerateArray());
        Assert.Empty((await other.Owner.GetFromJsonAsync<JsonElement>("/api/payments/card-charges")).EnumerateArray());
        Assert.Empty((await other.Owner.GetFromJsonAsync<JsonElement>("/api/payments/collections")).EnumerateArray());
        Assert.Single((await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments/card-charges?memberId={member}")).EnumerateArray());
        Assert.Equal(300m, (await club.InvoiceOfAsync(member)).GetProperty("outstanding").GetDecimal());
    }

    [Fact]
    public async Task A_webhook_is_taken_only_with_a_valid_signature_and_a_repeated_one_changes_nothing()
    {
        using var club = await ClubAsync("bill-hook");
        var (member, invoice) = await club.SoldMemberAsync();
        var paid = await (await PayByCardAsync(club, member, invoice.Id(), 345m, await CardTokenAsync(ApprovedCard), "hook-1")).Content.ReadFromJsonAsync<JsonElement>();
        var body = JsonSerializer.Serialize(new
        {
            id = "evt_repeat",
            type = "charge.paid",
            data = new
            {
                id = paid.GetProperty("gatewayReference").GetString(),
                status = "paid",
                metadata = new Dictionary<string, string> { ["tenantId"] = club.Tenant.Id.ToString(), ["chargeId"] = paid.Id().ToString() },
            },
        });

        async Task<HttpStatusCode> PostAsync(string secret, long at)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/gateway-webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{at}.{body}")));
            request.Headers.Add("X-Gateway-Signature", $"t={at},v1={signature}");
            return (await app.Api.SendAsync(request)).StatusCode;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("not-the-secret", now));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(app.GatewayWebhookSecret, now - 3600));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(app.GatewayWebhookSecret, now));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(app.GatewayWebhookSecret, now));
        Assert.Single((await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments?memberId={member}")).EnumerateArray());
    }

    [Fact]
    public async Task A_renewal_is_charged_to_the_saved_card_retried_on_the_clubs_days_suspended_after_the_last_failure_and_back_once_paid()
    {
        using var club = await ClubAsync("bill-dun");
        var settings = await club.Owner.SetSellerDetailsAsync(VatNumber, collectionRetryDays: [1, 3]);
        Assert.Equal([1, 3], settings.GetProperty("collectionRetryDays").EnumerateArray().Select(d => d.GetInt32()));
        var email = $"dunned@{club.Tenant.Slug}.test";
        var member = (await club.Owner.CreateMemberAsync(email: email)).Id();
        var monthly = (await club.Owner.CreatePlanAsync(kind: "RecurringMonthly", price: 199m)).Id();
        var sold = await club.Owner.SellAsync(member, monthly);
        Assert.Equal(HttpStatusCode.Created, (await club.PayAsync(member, 199m)).StatusCode);
        var card = await (await club.Owner.PutAsJsonAsync($"/api/members/{member}/payment-card", new { token = await CardTokenAsync(InsufficientFundsCard) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("visa", "0002"), (card.GetProperty("brand").GetString(), card.GetProperty("last4").GetString()));

        // Its last day: the membership job renews and invoices it, the collection job charges the card, which declines.
        await app.ExecuteAsOwnerAsync($"UPDATE subscriptions SET start_date = DATE '{Today:yyyy-MM-dd}' - 29, end_date = DATE '{Today:yyyy-MM-dd}', base_end_date = DATE '{Today:yyyy-MM-dd}' WHERE id = '{sold.Id()}'");
        var collection = await WaitForCollectionAsync(club, member, c => c.GetProperty("failedAttempts").GetInt32() == 1);
        Assert.Equal(("Due", Today.AddDays(1)), (collection.GetProperty("status").GetString(), DateOnly.Parse(collection.GetProperty("nextAttemptOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        var failed = await app.WaitForMailToAsync(email);
        Assert.StartsWith("تعذرت عملية الدفع", failed.Subject, StringComparison.Ordinal);
        Assert.Contains("199.00 ر.س", failed.TextBody, StringComparison.Ordinal);

        // Day 1 and day 3 after the first failure: retried, and after the last the membership is suspended.
        await app.ExecuteAsOwnerAsync($"UPDATE payment_collections SET next_attempt_on = DATE '{Today:yyyy-MM-dd}' WHERE member_id = '{member}'");
        await WaitForCollectionAsync(club, member, c => c.GetProperty("failedAttempts").GetInt32() == 2);
        await app.ExecuteAsOwnerAsync($"UPDATE payment_collections SET next_attempt_on = DATE '{Today:yyyy-MM-dd}' WHERE member_id = '{member}'");
        collection = await WaitForCollectionAsync(club, member, c => c.GetProperty("status").GetString() == "Suspended");
        Assert.Equal(3, collection.GetProperty("failedAttempts").GetInt32());
        Assert.Equal(3, (await app.WaitForMailsToAsync(email, 3)).Count(m => m.Subject?.StartsWith("تعذرت عملية الدفع", StringComparison.Ordinal) == true));
        Assert.Equal(3, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments/card-charges?memberId={member}")).EnumerateArray()
            .Count(ch => ch.GetProperty("status").GetString() == "Declined" && ch.GetProperty("purpose").GetString() == "Renewal"));

        // The accountant sees each declined attempt in the failed-payments report.
        var failedReport = await club.Owner.GetFromJsonAsync<JsonElement>("/api/reports/failed-payments");
        Assert.Equal((3, 597m), (failedReport.GetProperty("count").GetInt32(), failedReport.GetProperty("amount").GetDecimal()));
        Assert.All(failedReport.GetProperty("rows").EnumerateArray(), r => Assert.Equal(("insufficient_funds", "Renewal"), (r.GetProperty("code").GetString(), r.GetProperty("purpose").GetString())));
        var csv = await club.Owner.GetStringAsync("/api/reports/failed-payments?format=csv");
        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // The renewed period starts: the door refuses it with the reason, in both languages.
        await app.ExecuteAsOwnerAsync($"UPDATE subscriptions SET start_date = start_date - 1, end_date = end_date - 1, base_end_date = base_end_date - 1 WHERE member_id = '{member}'");
        var branch = await club.Owner.MainBranchAsync();
        var denied = await club.Owner.PostOkAsync("/api/check-ins", new { memberId = member, branchId = branch });
        Assert.Equal((false, "membership-suspended-unpaid"), (denied.GetProperty("allowed").GetBoolean(), denied.GetProperty("reason").GetString()));
        Assert.Contains("موقوفة", denied.GetProperty("messageAr").GetString(), StringComparison.Ordinal);

        // Paid at the front desk: collected, the membership is back, and the door opens.
        var renewal = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/invoices?memberId={member}&kind=Invoice")).EnumerateArray()
            .Single(i => i.GetProperty("status").GetString() == "Issued");
        Assert.Equal(HttpStatusCode.Created, (await club.PayAsync(member, renewal.GetProperty("total").GetDecimal(), "Mada", renewal.Id())).StatusCode);
        Assert.Equal("Collected", (await WaitForCollectionAsync(club, member, c => c.GetProperty("status").GetString() == "Collected")).GetProperty("status").GetString());
        Assert.True((await club.Owner.PostOkAsync("/api/check-ins", new { memberId = member, branchId = branch })).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_renewal_charged_to_a_good_card_is_paid_and_the_member_gets_the_receipt()
    {
        using var club = await ClubAsync("bill-renew");
        var email = $"renewed@{club.Tenant.Slug}.test";
        var member = (await club.Owner.CreateMemberAsync(email: email)).Id();
        var sold = await club.Owner.SellAsync(member, (await club.Owner.CreatePlanAsync(kind: "RecurringMonthly", price: 199m)).Id());
        Assert.Equal(HttpStatusCode.Created, (await club.PayAsync(member, 199m)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await club.Owner.PutAsJsonAsync($"/api/members/{member}/payment-card", new { token = await CardTokenAsync(ApprovedCard) })).StatusCode);

        await app.ExecuteAsOwnerAsync($"UPDATE subscriptions SET start_date = DATE '{Today:yyyy-MM-dd}' - 29, end_date = DATE '{Today:yyyy-MM-dd}', base_end_date = DATE '{Today:yyyy-MM-dd}' WHERE id = '{sold.Id()}'");

        Assert.Equal("Collected", (await WaitForCollectionAsync(club, member, c => c.GetProperty("status").GetString() == "Collected")).GetProperty("status").GetString());
        var receipt = await app.WaitForMailToAsync(email);
        Assert.StartsWith("إيصال INV-", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains("199.00 ر.س", receipt.TextBody, StringComparison.Ordinal);
        var invoices = (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/invoices?memberId={member}&kind=Invoice")).EnumerateArray().ToList();
        Assert.Equal(["Paid", "Paid"], invoices.Select(i => i.GetProperty("status").GetString()));
    }

    private static async Task<JsonElement> WaitForCollectionAsync(Club club, Guid member, Func<JsonElement, bool> done) =>
        await WaitForAsync(async () => (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments/collections?memberId={member}")).EnumerateArray().FirstOrDefault(),
            c => c.ValueKind == JsonValueKind.Object && done(c), "the renewal collection");
}
