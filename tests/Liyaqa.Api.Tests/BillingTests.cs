using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liyaqa.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Liyaqa.Api.Tests;

/// <summary>Invoices, payments, credit notes and refunds through the API against the real database.</summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed partial class BillingTests(LiyaqaAppFixture app, ITestOutputHelper output)
{
    private const string VatNumber = "310122393500003";

    private sealed record Club(TenantInfo Tenant, Tokens OwnerTokens, HttpClient Owner, Guid Plan) : IDisposable
    {
        public void Dispose() => Owner.Dispose();

        public async Task<JsonElement> InvoiceOfAsync(Guid member) =>
            Assert.Single((await Owner.GetFromJsonAsync<JsonElement>($"/api/invoices?memberId={member}&kind=Invoice")).EnumerateArray());

        public async Task<(Guid Member, JsonElement Invoice)> SoldMemberAsync()
        {
            var member = (await Owner.CreateMemberAsync()).Id();
            await Owner.SellAsync(member, Plan);
            return (member, await InvoiceOfAsync(member));
        }

        public Task<HttpResponseMessage> PayAsync(Guid member, decimal amount, string method = "Cash", Guid? invoiceId = null, string? key = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(new { memberId = member, method, amount, invoiceId }) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return Owner.SendAsync(request);
        }
    }

    private async Task<Club> ClubAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix);
        var tokens = await app.LoginAsOwnerAsync(tenant);
        var owner = app.As(tokens.AccessToken);
        await owner.SetSellerDetailsAsync(VatNumber);
        return new Club(tenant, tokens, owner, (await owner.CreatePlanAsync(price: 230m, joiningFee: 115m)).Id());
    }

    private static int Year => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).Year;

    [Fact]
    public async Task A_sale_is_invoiced_with_VAT_and_paid_in_two_parts_without_overpayment_and_the_statement_runs_to_zero()
    {
        using var club = await ClubAsync("bill-pay");
        var (member, invoice) = await club.SoldMemberAsync();

        Assert.Equal(($"INV-{Year}-000001", "Issued"), (invoice.GetProperty("number").GetString(), invoice.GetProperty("status").GetString()));
        // 230 + 115 joining fee, VAT included at 15 %: 300.00 net, 45.00 VAT.
        Assert.Equal((300.00m, 45.00m, 345.00m), (invoice.GetProperty("netTotal").GetDecimal(), invoice.GetProperty("vatTotal").GetDecimal(), invoice.GetProperty("total").GetDecimal()));
        Assert.Equal(2, invoice.GetProperty("lines").GetArrayLength());

        var first = await club.PayAsync(member, 100m, key: "pay-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var retried = await club.PayAsync(member, 100m, key: "pay-1");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).Id(), (await retried.Content.ReadFromJsonAsync<JsonElement>()).Id());
        var partly = await club.InvoiceOfAsync(member);
        Assert.Equal(("PartiallyPaid", 245.00m), (partly.GetProperty("status").GetString(), partly.GetProperty("outstanding").GetDecimal()));

        var over = await club.PayAsync(member, 245.01m, "Mada");
        Assert.Equal("overpayment", (await over.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        var otherCurrency = await club.Owner.PostAsJsonAsync("/api/payments", new { memberId = member, method = "Card", amount = 10m, currency = "USD" });
        Assert.Equal("currency-mismatch", (await otherCurrency.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await club.PayAsync(member, 245m, "Mada", invoice.Id())).StatusCode);

        Assert.Equal("Paid", (await club.InvoiceOfAsync(member)).GetProperty("status").GetString());
        var statement = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}/statement");
        Assert.Equal(
            [("invoice", 345.00m, 0m, 345.00m), ("payment", 0m, 100.00m, 245.00m), ("payment", 0m, 245.00m, 0m)],
            statement.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("debit").GetDecimal(), e.GetProperty("credit").GetDecimal(), e.GetProperty("balance").GetDecimal())));
        Assert.Equal(0m, statement.GetProperty("balance").GetDecimal());
        Assert.Equal(2, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/payments?memberId={member}")).GetArrayLength());
    }

    [Fact]
    public async Task The_printed_invoice_carries_a_QR_that_decodes_to_the_seller_and_totals()
    {
        using var club = await ClubAsync("bill-print");
        var (_, invoice) = await club.SoldMemberAsync();

        var html = await club.Owner.GetStringAsync($"/api/invoices/{invoice.Id()}/print");

        Assert.Contains("فاتورة ضريبية مبسطة", html, StringComparison.Ordinal);
        Assert.Contains("Simplified tax invoice", html, StringComparison.Ordinal);
        // The printed image, read by a QR reader (zbar), carries the payload.
        var png = Path.Combine(Path.GetTempPath(), $"liyaqa-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(png, Convert.FromBase64String(QrImage().Match(html).Groups[1].Value));
        var reader = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("zbarimg", ["--raw", "-q", png]) { RedirectStandardOutput = true })!;
        var scanned = (await reader.StandardOutput.ReadToEndAsync()).Trim();
        await reader.WaitForExitAsync();
        File.Delete(png);
        Assert.Equal(QrAttribute().Match(html).Groups[1].Value, scanned);
        var tlv = Convert.FromBase64String(scanned);
        var fields = new Dictionary<int, string>();
        for (var i = 0; i < tlv.Length; i += 2 + tlv[i + 1])
        {
            fields[tlv[i]] = Encoding.UTF8.GetString(tlv, i + 2, tlv[i + 1]);
        }

        Assert.Equal(club.Tenant.Name, fields[1]);
        Assert.Equal((VatNumber, "345.00", "45.00"), (fields[2], fields[4], fields[5]));
        Assert.Equal(invoice.GetProperty("issuedAt").GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), fields[3]);
        Assert.Equal(invoice.GetProperty("qrCode").GetString(), Convert.ToBase64String(tlv));
    }

    [Fact]
    public async Task Invoices_issued_in_parallel_over_both_replicas_are_numbered_gap_free_and_unique()
    {
        using var club = await ClubAsync("bill-race");
        var member = (await club.Owner.CreateMemberAsync()).Id();
        const int count = 40;

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/invoices")
            {
                Content = JsonContent.Create(new { memberId = member, issue = true, lines = new[] { new { kind = "Product", descriptionEn = $"Water {i}", descriptionAr = "ماء", quantity = 1, unitPrice = 2.30m } } }),
            };
            request.Headers.ConnectionClose = true; // a new connection each time, so both replicas take part
            var response = await club.Owner.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        }));

        Assert.Equal(Enumerable.Range(1, count).Select(n => $"INV-{Year}-{n:D6}"), answers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_refund_goes_through_a_credit_note_a_full_credit_cancels_and_issued_invoices_cannot_be_changed()
    {
        using var club = await ClubAsync("bill-refund");
        var (member, invoice) = await club.SoldMemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await club.PayAsync(member, 345m, "Card")).StatusCode);

        // Two lines of one category: a partial refund of 115.00 is 100.00 net and 15.00 VAT.
        var refund = await club.Owner.PostOkAsync($"/api/invoices/{invoice.Id()}/refunds", new { reason = "Joining fee waived", amount = 115m });
        var note = refund.GetProperty("creditNote");
        Assert.Equal(($"CN-{Year}-000001", 115.00m, 15.00m), (note.GetProperty("number").GetString(), note.GetProperty("total").GetDecimal(), note.GetProperty("vatTotal").GetDecimal()));
        Assert.Equal(invoice.Id(), note.GetProperty("referencedInvoiceId").GetGuid());
        Assert.Equal((-115.00m, "Card"), (refund.GetProperty("refund").GetProperty("amount").GetDecimal(), refund.GetProperty("refund").GetProperty("method").GetString()));
        var after = await club.InvoiceOfAsync(member);
        Assert.Equal(("Paid", 230.00m, 115.00m, 0m), (after.GetProperty("status").GetString(), after.GetProperty("paidAmount").GetDecimal(), after.GetProperty("creditedAmount").GetDecimal(), after.GetProperty("outstanding").GetDecimal()));
        var tooMuch = await club.Owner.PostAsJsonAsync($"/api/invoices/{invoice.Id()}/refunds", new { reason = "again", amount = 230.01m });
        Assert.Equal("refund-exceeds-paid", (await tooMuch.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        var statement = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/members/{member}/statement");
        Assert.Equal(["invoice", "payment", "credit-note", "refund"], statement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(0m, statement.GetProperty("balance").GetDecimal());

        // An unpaid manual invoice credited in full is cancelled and can no longer be paid.
        var manual = await club.Owner.PostOkAsync("/api/invoices", new { memberId = member, issue = true, lines = new[] { new { kind = "PersonalTraining", descriptionEn = "PT session", descriptionAr = "حصة تدريب شخصي", quantity = 2, unitPrice = 150m, priceIncludesVat = false } } });
        Assert.Equal(345.00m, manual.GetProperty("total").GetDecimal());
        await club.Owner.PostOkAsync($"/api/invoices/{manual.Id()}/credit-notes", new { reason = "Booked by mistake" });
        Assert.Equal("Cancelled", (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/invoices/{manual.Id()}")).GetProperty("status").GetString());
        Assert.Equal("invoice-not-payable", (await (await club.PayAsync(member, 10m, invoiceId: manual.Id())).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        // The database itself refuses to change or delete an issued invoice or its lines.
        await using var db = app.AsApplication(club.Tenant.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var sql in new[]
        {
            $"UPDATE invoices SET total = 1 WHERE id = '{invoice.Id()}'",
            $"DELETE FROM invoices WHERE id = '{manual.Id()}'",
            $"UPDATE invoice_lines SET unit_price = 1 WHERE invoice_id = '{invoice.Id()}'",
            $"DELETE FROM invoice_lines WHERE invoice_id = '{invoice.Id()}'",
        })
        {
            await db.Database.ExecuteSqlRawAsync("SAVEPOINT attempt");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal("23000", refused.SqlState);
            await db.Database.ExecuteSqlRawAsync("ROLLBACK TO SAVEPOINT attempt");
        }
    }

    [Fact]
    public async Task Front_desk_records_payments_but_only_managers_refund_and_members_see_their_own_account()
    {
        using var club = await ClubAsync("bill-roles");
        var (member, invoice) = await club.SoldMemberAsync();
        var (_, frontDeskTokens) = await app.AddUserAsync(club.Tenant, club.OwnerTokens, $"desk@{club.Tenant.Slug}.test", "FrontDesk");
        using var frontDesk = app.As(frontDeskTokens.AccessToken);

        var paid = await frontDesk.PostAsJsonAsync("/api/payments", new { memberId = member, method = "Cash", amount = 45m });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        await (await frontDesk.PostAsJsonAsync($"/api/invoices/{invoice.Id()}/refunds", new { reason = "no" })).ReadProblemAsync(HttpStatusCode.Forbidden);

        using var memberApp = await app.MemberAppAsync(club.Tenant, club.OwnerTokens, member);
        var mine = await memberApp.GetFromJsonAsync<JsonElement>("/api/me/invoices");
        Assert.Equal(invoice.Id(), Assert.Single(mine.EnumerateArray()).Id());
        Assert.Equal(300.00m, (await memberApp.GetFromJsonAsync<JsonElement>("/api/me/statement")).GetProperty("balance").GetDecimal());
        await (await memberApp.GetAsync($"/api/members/{member}/statement")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_same_payment_key_sent_in_parallel_pays_once()
    {
        using var club = await ClubAsync("bill-idem");
        var (member, _) = await club.SoldMemberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => club.PayAsync(member, 50m, key: "till-7-receipt-1")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).Id()))).Distinct());
        Assert.Equal(50m, (await club.InvoiceOfAsync(member)).GetProperty("paidAmount").GetDecimal());
        var reused = await club.PayAsync(member, 60m, key: "till-7-receipt-1");
        Assert.Equal("idempotency-key-reused", (await reused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Under_sustained_issuing_with_payments_numbers_stay_gap_free_and_the_rate_is_reported()
    {
        using var club = await ClubAsync("bill-load");
        var members = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            members.Add((await club.Owner.CreateMemberAsync()).Id());
        }

        const int perWorker = 25;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var numbers = await Task.WhenAll(members.Select(async (member, worker) =>
        {
            var issued = new List<(string Invoice, string Receipt)>();
            for (var i = 0; i < perWorker; i++)
            {
                var invoice = await club.Owner.PostOkAsync("/api/invoices", new { memberId = member, issue = true, lines = new[] { new { kind = "Product", descriptionEn = "Protein bar", descriptionAr = "لوح بروتين", quantity = 2, unitPrice = 11.50m } } });
                var paid = await club.PayAsync(member, 23m, "Mada", invoice.Id(), key: $"load-{worker}-{i}");
                Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
                issued.Add((invoice.GetProperty("number").GetString()!, (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!));
            }

            return issued;
        }));
        clock.Stop();

        var all = numbers.SelectMany(n => n).ToList();
        output.WriteLine($"{all.Count} invoices issued and paid by {members.Count} parallel clients in {clock.Elapsed.TotalSeconds:0.0} s: {all.Count / clock.Elapsed.TotalSeconds:0.0} invoice+payment pairs/s");
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => $"INV-{Year}-{n:D6}"), all.Select(n => n.Invoice).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => $"RCT-{Year}-{n:D6}"), all.Select(n => n.Receipt).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_branch_closes_its_drawer_once_a_day_against_its_cash_takings_less_cash_refunds()
    {
        using var club = await ClubAsync("bill-drawer");
        var (member, invoice) = await club.SoldMemberAsync();
        var branch = await club.Owner.MainBranchAsync();
        await club.Owner.PostOkAsync("/api/payments", new { memberId = member, method = "Cash", amount = 100m, branchId = branch });
        await club.Owner.PostOkAsync("/api/payments", new { memberId = member, method = "Mada", amount = 50m, branchId = branch });
        await club.Owner.PostOkAsync("/api/payments", new { memberId = member, method = "Cash", amount = 30m }); // taken elsewhere
        await club.Owner.PostOkAsync($"/api/invoices/{invoice.Id()}/refunds", new { reason = "Changed mind", amount = 23m, method = "Cash", branchId = branch });

        var takings = await club.Owner.GetFromJsonAsync<JsonElement>($"/api/branches/{branch}/day-close");
        Assert.Equal((77.00m, 50.00m), (takings.GetProperty("expectedCash").GetDecimal(), takings.GetProperty("byMethod").GetProperty("Mada").GetDecimal()));
        var day = takings.GetProperty("day").GetString();

        var closed = await club.Owner.PostOkAsync($"/api/branches/{branch}/day-close", new { day, countedCash = 72m, note = "5 short" });

        Assert.Equal((77.00m, 72.00m, -5.00m), (closed.GetProperty("expectedCash").GetDecimal(), closed.GetProperty("countedCash").GetDecimal(), closed.GetProperty("difference").GetDecimal()));
        await (await club.Owner.PostAsJsonAsync($"/api/branches/{branch}/day-close", new { day, countedCash = 77m })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(-5.00m, (await club.Owner.GetFromJsonAsync<JsonElement>($"/api/branches/{branch}/day-close?day={day}")).GetProperty("close").GetProperty("difference").GetDecimal());
    }

    [GeneratedRegex("data-zatca-qr=\"([^\"]+)\"")]
    private static partial Regex QrAttribute();

    [GeneratedRegex("src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex QrImage();
}
