using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liyaqa.Api.Tests.Infrastructure;

namespace Liyaqa.Api.Tests;

/// <summary>
/// The accounting reports against the real database: the figures a club's accountant checks against its invoices,
/// credit notes and payments, the CSV files, who may read them, and that a club sees only its own figures.
/// </summary>
[Collection(LiyaqaAppCollection.Name)]
public sealed class BillingReportTests(LiyaqaAppFixture app)
{
    private static readonly string[] Routes = ["/api/reports/revenue", "/api/reports/vat", "/api/reports/ageing", "/api/reports/payments"];

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh")).DateTime);

    private static string Month => Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Revenue_VAT_and_payments_reconcile_with_the_invoices_credit_notes_refunds_and_payments_of_the_period()
    {
        var (tenant, owner) = await ClubAsync("rep-rev");
        var plan = (await owner.CreatePlanAsync(price: 230m, joiningFee: 115m)).Id();
        var branch = await owner.MainBranchAsync();
        // A sale: 300.00 net + 45.00 VAT, paid by mada; 115.00 of it refunded in cash (a credit note of 100.00 + 15.00).
        var buyer = (await owner.CreateMemberAsync()).Id();
        await owner.SellAsync(buyer, plan);
        var sale = (await owner.GetFromJsonAsync<JsonElement>($"/api/invoices?memberId={buyer}"))[0];
        await owner.PostOkAsync("/api/payments", new { memberId = buyer, method = "Mada", amount = 345m, branchId = branch });
        await owner.PostOkAsync($"/api/invoices/{sale.Id()}/refunds", new { reason = "Joining fee waived", amount = 115m, method = "Cash", branchId = branch });
        // Mixed VAT categories, partly paid in cash: standard 100.00 + 15.00, zero-rated 50.00, exempt 20.00.
        var shopper = (await owner.CreateMemberAsync("Noura", "Al-Qahtani", "نورة", "القحطاني")).Id();
        var mixed = await IssueAsync(owner, shopper, ("Product", 100m, "S"), ("Product", 50m, "Z"), ("Other", 20m, "E"));
        Assert.Equal(185.00m, mixed.GetProperty("total").GetDecimal());
        await owner.PostOkAsync("/api/payments", new { memberId = shopper, method = "Cash", amount = 85m, invoiceId = mixed.Id() });
        // Issued and credited in full: 300.00 + 45.00 in, and out again.
        var cancelled = await IssueAsync(owner, shopper, ("PersonalTraining", 300m, "S"));
        await owner.PostOkAsync($"/api/invoices/{cancelled.Id()}/credit-notes", new { reason = "Booked by mistake" });

        var today = Day(Today);
        var revenue = await owner.GetFromJsonAsync<JsonElement>($"/api/reports/revenue?from={today}&to={today}&groupBy=day");
        var row = Assert.Single(revenue.GetProperty("rows").EnumerateArray());
        Assert.Equal((today, 3, 2), (row.GetProperty("period").GetString(), row.GetProperty("invoices").GetInt32(), row.GetProperty("creditNotes").GetInt32()));
        Assert.Equal((370.00m, 45.00m, 415.00m), Amounts(row, "net", "vat", "total"));
        Assert.Equal((370.00m, 45.00m, 415.00m), Amounts(revenue, "net", "vat", "total"));
        // What the documents themselves say, invoices less credit notes.
        var documents = (await owner.GetFromJsonAsync<JsonElement>("/api/invoices")).EnumerateArray()
            .Sum(d => d.GetProperty("total").GetDecimal() * (d.GetProperty("kind").GetString() == "CreditNote" ? -1 : 1));
        Assert.Equal(documents, revenue.GetProperty("total").GetDecimal());
        var monthly = await owner.GetFromJsonAsync<JsonElement>($"/api/reports/revenue?from={Day(Today.AddDays(1 - Today.Day))}&to={today}&groupBy=month");
        Assert.Equal((Month, 415.00m), (Assert.Single(monthly.GetProperty("rows").EnumerateArray()).GetProperty("period").GetString(), monthly.GetProperty("total").GetDecimal()));

        // By plan: the sale's lines less its partial credit; the rest is of no plan.
        var byPlan = (await owner.GetFromJsonAsync<JsonElement>($"/api/reports/revenue?from={today}&to={today}&by=plan")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, byPlan.Count);
        Assert.Equal((plan, "TimeBased plan", 1, 1), (byPlan[0].GetProperty("planId").GetGuid(), byPlan[0].GetProperty("planEn").GetString(), byPlan[0].GetProperty("invoices").GetInt32(), byPlan[0].GetProperty("creditNotes").GetInt32()));
        Assert.Equal((200.00m, 30.00m, 230.00m), Amounts(byPlan[0], "net", "vat", "total"));
        Assert.Equal(JsonValueKind.Null, byPlan[1].GetProperty("planId").ValueKind);
        Assert.Equal((170.00m, 15.00m, 185.00m), Amounts(byPlan[1], "net", "vat", "total"));

        // The VAT return: per category, invoiced less credited; it adds up to the revenue's net and VAT.
        var vat = await owner.GetFromJsonAsync<JsonElement>($"/api/reports/vat?period={Month}");
        Assert.Equal(
            [("S", 0.15m, 700.00m, 105.00m, 400.00m, 60.00m, 300.00m, 45.00m), ("Z", 0m, 50.00m, 0m, 0m, 0m, 50.00m, 0m), ("E", 0m, 20.00m, 0m, 0m, 0m, 20.00m, 0m)],
            vat.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("category").GetString(), r.GetProperty("rate").GetDecimal(), r.GetProperty("invoicedTaxable").GetDecimal(),
                r.GetProperty("invoicedVat").GetDecimal(), r.GetProperty("creditedTaxable").GetDecimal(), r.GetProperty("creditedVat").GetDecimal(), r.GetProperty("taxable").GetDecimal(),
                r.GetProperty("vat").GetDecimal())));
        Assert.Equal((370.00m, 45.00m), Amounts(vat, "taxable", "vat"));
        var quarter = $"{Today.Year}-Q{((Today.Month - 1) / 3) + 1}";
        Assert.Equal(45.00m, (await owner.GetFromJsonAsync<JsonElement>($"/api/reports/vat?period={quarter}")).GetProperty("vat").GetDecimal());

        // Payments by method: mada 345.00 in; cash 85.00 in and 115.00 refunded.
        var payments = await owner.GetFromJsonAsync<JsonElement>($"/api/reports/payments?from={today}&to={today}");
        var methods = payments.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("method").GetString()!);
        Assert.Equal((1, 345.00m, 0, 0m, 345.00m), Payment(methods["Mada"]));
        Assert.Equal((1, 85.00m, 1, 115.00m, -30.00m), Payment(methods["Cash"]));
        Assert.Equal((0, 0m, 0, 0m, 0m), Payment(methods["Card"]));
        Assert.Equal((430.00m, 115.00m, 315.00m), Amounts(payments, "received", "refunded", "net"));
        var byBranch = (await owner.GetFromJsonAsync<JsonElement>($"/api/reports/payments?from={today}&to={today}&by=branch")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(
            [("Cash", (Guid?)branch, 0, 1), ("Cash", null, 1, 0), ("Mada", branch, 1, 0)],
            byBranch.Select(r => (r.GetProperty("method").GetString(), r.GetProperty("branchId").ValueKind == JsonValueKind.Null ? (Guid?)null : r.GetProperty("branchId").GetGuid(),
                r.GetProperty("payments").GetInt32(), r.GetProperty("refunds").GetInt32())).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2 is null));

        // The same figures as CSV files.
        var csv = await CsvAsync(owner, $"/api/reports/revenue?from={today}&to={today}&format=csv", $"revenue-{today}-{today}.csv");
        Assert.Equal(["period,invoices,credit_notes,net,vat,total,currency", $"{today},3,2,370.00,45.00,415.00,SAR"], csv);
        var vatCsv = await CsvAsync(owner, $"/api/reports/vat?period={Month}&format=csv", $"vat-{Month}.csv");
        Assert.Equal("period,category,rate,invoiced_taxable,invoiced_vat,credited_taxable,credited_vat,taxable,vat,currency", vatCsv[0]);
        Assert.Equal($"{Month},S,0.15,700.00,105.00,400.00,60.00,300.00,45.00,SAR", vatCsv[1]);
        var paymentsCsv = await CsvAsync(owner, $"/api/reports/payments?from={today}&to={today}&format=csv", $"payments-{today}-{today}.csv");
        Assert.Equal(["method,payments,received,refunds,refunded,net,currency", "Cash,1,85.00,1,115.00,-30.00,SAR"], paymentsCsv[..2]);
        Assert.Equal(tenant.Currency, revenue.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Ageing_buckets_open_balances_by_days_since_issue_as_of_a_day_with_the_payments_made_by_then()
    {
        var (tenant, owner) = await ClubAsync("rep-age");
        var recent = (await owner.CreateMemberAsync()).Id();
        var late = (await owner.CreateMemberAsync("Fahad", "Al-Otaibi", "فهد", "العتيبي")).Id();
        var settled = (await owner.CreateMemberAsync("Reem", "Al-Dosari", "ريم", "الدوسري")).Id();
        var fresh = await IssueAsync(owner, recent, ("Product", 300m, "S"));
        await owner.PostOkAsync("/api/payments", new { memberId = recent, method = "Cash", amount = 100m });
        var fortyFiveDays = await IssueAsync(owner, late, ("PersonalTraining", 100m, "S"));
        var hundredDays = await IssueAsync(owner, late, ("PersonalTraining", 200m, "S"));
        await owner.PostOkAsync("/api/payments", new { memberId = late, method = "Mada", amount = 30m, invoiceId = hundredDays.Id() });
        await IssueAsync(owner, settled, ("Product", 20m, "S"));
        await owner.PostOkAsync("/api/payments", new { memberId = settled, method = "Card", amount = 23m });
        await IssuedDaysAgoAsync(fortyFiveDays.Id(), 45);
        await IssuedDaysAgoAsync(hundredDays.Id(), 100);

        var ageing = await owner.GetFromJsonAsync<JsonElement>("/api/reports/ageing");
        Assert.Equal(Day(Today), ageing.GetProperty("asOf").GetString());
        Assert.Equal(
            [(late, "Fahad Al-Otaibi", 2, 0m, 115.00m, 0m, 200.00m, 315.00m), (recent, "Sara Al-Harbi", 1, 245.00m, 0m, 0m, 0m, 245.00m)],
            ageing.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("memberId").GetGuid(), m.GetProperty("nameEn").GetString(), m.GetProperty("invoices").GetInt32(),
                m.GetProperty("days0To30").GetDecimal(), m.GetProperty("days31To60").GetDecimal(), m.GetProperty("days61To90").GetDecimal(), m.GetProperty("over90").GetDecimal(),
                m.GetProperty("outstanding").GetDecimal())));
        var totals = ageing.GetProperty("totals");
        Assert.Equal((2, 3), (totals.GetProperty("members").GetInt32(), totals.GetProperty("invoices").GetInt32()));
        Assert.Equal((245.00m, 115.00m, 0m, 200.00m, 560.00m), (totals.GetProperty("days0To30").GetDecimal(), totals.GetProperty("days31To60").GetDecimal(),
            totals.GetProperty("days61To90").GetDecimal(), totals.GetProperty("over90").GetDecimal(), totals.GetProperty("outstanding").GetDecimal()));
        // It adds up to what the open invoices themselves still ask for.
        var open = (await owner.GetFromJsonAsync<JsonElement>("/api/invoices?kind=Invoice")).EnumerateArray().Sum(i => i.GetProperty("outstanding").GetDecimal());
        Assert.Equal(open, totals.GetProperty("outstanding").GetDecimal());
        Assert.Equal(fresh.GetProperty("total").GetDecimal() - 100m, ageing.GetProperty("members")[1].GetProperty("outstanding").GetDecimal());

        // Fifty days ago only the oldest invoice was out, 50 days old, and nothing of it paid yet.
        var earlier = await owner.GetFromJsonAsync<JsonElement>($"/api/reports/ageing?asOf={Day(Today.AddDays(-50))}");
        var then = Assert.Single(earlier.GetProperty("members").EnumerateArray());
        Assert.Equal((late, 1, 230.00m, 230.00m), (then.GetProperty("memberId").GetGuid(), then.GetProperty("invoices").GetInt32(), then.GetProperty("days31To60").GetDecimal(), then.GetProperty("outstanding").GetDecimal()));

        var csv = await CsvAsync(owner, "/api/reports/ageing?format=csv", $"ageing-{Day(Today)}.csv");
        Assert.Equal("member_id,member_number,name_en,name_ar,invoices,days_0_30,days_31_60,days_61_90,days_over_90,outstanding,currency", csv[0]);
        Assert.Matches($"^{late},M-\\d{{6}},Fahad Al-Otaibi,فهد العتيبي,2,0.00,115.00,0.00,200.00,315.00,{tenant.Currency}$", csv[1]);
    }

    [Fact]
    public async Task Only_managers_and_up_read_the_reports_and_another_club_sees_none_of_the_figures()
    {
        var (tenant, owner) = await ClubAsync("rep-own");
        var member = (await owner.CreateMemberAsync()).Id();
        await IssueAsync(owner, member, ("Product", 100m, "S"));
        await owner.PostOkAsync("/api/payments", new { memberId = member, method = "Cash", amount = 15m });
        var ownerTokens = await app.LoginAsOwnerAsync(tenant);
        using var manager = app.As((await app.AddUserAsync(tenant, ownerTokens, $"manager@{tenant.Slug}.test", "Manager")).Tokens.AccessToken);
        using var frontDesk = app.As((await app.AddUserAsync(tenant, ownerTokens, $"desk@{tenant.Slug}.test", "FrontDesk")).Tokens.AccessToken);
        using var trainer = app.As((await app.AddUserAsync(tenant, ownerTokens, $"coach@{tenant.Slug}.test", "Trainer")).Tokens.AccessToken);
        var (_, otherClub) = await ClubAsync("rep-other");

        foreach (var route in Routes)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(route)).StatusCode);
            await (await frontDesk.GetAsync(route)).ReadProblemAsync(HttpStatusCode.Forbidden);
            await (await trainer.GetAsync(route)).ReadProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(115.00m, (await manager.GetFromJsonAsync<JsonElement>("/api/reports/revenue")).GetProperty("total").GetDecimal());
        Assert.Equal(15.00m, (await manager.GetFromJsonAsync<JsonElement>("/api/reports/vat")).GetProperty("vat").GetDecimal());
        Assert.Equal(100.00m, (await manager.GetFromJsonAsync<JsonElement>("/api/reports/ageing")).GetProperty("totals").GetProperty("outstanding").GetDecimal());
        Assert.Equal(15.00m, (await manager.GetFromJsonAsync<JsonElement>("/api/reports/payments")).GetProperty("net").GetDecimal());
        var revenue = await otherClub.GetFromJsonAsync<JsonElement>("/api/reports/revenue");
        Assert.Equal((0, 0m), (revenue.GetProperty("rows").GetArrayLength(), revenue.GetProperty("total").GetDecimal()));
        Assert.Equal(0, (await otherClub.GetFromJsonAsync<JsonElement>("/api/reports/vat")).GetProperty("rows").GetArrayLength());
        Assert.Equal(0, (await otherClub.GetFromJsonAsync<JsonElement>("/api/reports/ageing")).GetProperty("members").GetArrayLength());
        var payments = await otherClub.GetFromJsonAsync<JsonElement>("/api/reports/payments");
        Assert.Equal((0m, 0m), (payments.GetProperty("received").GetDecimal(), payments.GetProperty("refunded").GetDecimal()));
        Assert.Empty((await otherClub.GetFromJsonAsync<JsonElement>("/api/reports/payments?by=branch")).GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task A_period_too_long_or_malformed_is_a_validation_problem_naming_the_field()
    {
        var tenant = await app.ProvisionTenantAsync("rep-bad");
        using var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);

        foreach (var (route, field) in new[]
        {
            ("/api/reports/revenue?groupBy=day&from=2025-01-01&to=2026-01-02", "to"),
            ("/api/reports/revenue?groupBy=month&from=2020-01-01&to=2025-01-01", "to"),
            ("/api/reports/revenue?from=2026-03-02&to=2026-03-01", "to"),
            ("/api/reports/revenue?by=branch", "by"),
            ("/api/reports/revenue?groupBy=7", "groupBy"),
            ("/api/reports/vat?period=2026-13", "period"),
            ("/api/reports/vat?period=2026-Q5", "period"),
            ("/api/reports/ageing?asOf=1999-12-31", "asOf"),
            ("/api/reports/payments?from=2019-01-01&to=2026-01-01", "to"),
            ("/api/reports/payments?by=plan", "by"),
        })
        {
            var problem = await (await owner.GetAsync(route)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{route}: {problem}");
        }

        // A year by day is fine; so are five years by month.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/reports/revenue?groupBy=day&from=2025-01-01&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/reports/revenue?groupBy=month&from=2020-01-01&to=2024-12-31")).StatusCode);
    }

    private async Task<(TenantInfo Tenant, HttpClient Owner)> ClubAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix);
        var owner = app.As((await app.LoginAsOwnerAsync(tenant)).AccessToken);
        await owner.SetSellerDetailsAsync();
        return (tenant, owner);
    }

    /// <summary>An issued manual invoice of VAT-exclusive lines (item kind, net amount, VAT category).</summary>
    private static Task<JsonElement> IssueAsync(HttpClient owner, Guid member, params (string Kind, decimal Net, string Category)[] lines) =>
        owner.PostOkAsync("/api/invoices", new
        {
            memberId = member,
            issue = true,
            lines = lines.Select(l => new { kind = l.Kind, descriptionEn = $"{l.Kind} {l.Category}", descriptionAr = "بند", quantity = 1, unitPrice = l.Net, priceIncludesVat = false, category = l.Category }),
        });

    /// <summary>
    /// Moves an issued invoice's issue back by <paramref name="days"/>, as if issued then: as the database owner with
    /// the triggers that keep issued invoices final switched off for this one transaction only.
    /// </summary>
    private async Task IssuedDaysAgoAsync(Guid invoice, int days)
    {
        await using var sql = await app.OpenAsOwnerAsync();
        await using var tx = await sql.BeginTransactionAsync();
        foreach (var statement in new[]
        {
            "SET LOCAL session_replication_role = replica",
            $"UPDATE invoices SET issue_date = issue_date - {days}, issued_at = issued_at - interval '{days} days', created_at = created_at - interval '{days} days' WHERE id = '{invoice}'",
        })
        {
            await using var command = new Npgsql.NpgsqlCommand(statement, sql, tx);
            await command.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    /// <summary>The CSV's lines, after checking it is an attachment of that name, UTF-8 with a byte-order mark.</summary>
    private static async Task<string[]> CsvAsync(HttpClient client, string route, string fileName)
    {
        using var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal(("attachment", fileName), (response.Content.Headers.ContentDisposition?.DispositionType, response.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private static (decimal, decimal) Amounts(JsonElement e, string a, string b) => (e.GetProperty(a).GetDecimal(), e.GetProperty(b).GetDecimal());

    private static (decimal, decimal, decimal) Amounts(JsonElement e, string a, string b, string c) => (e.GetProperty(a).GetDecimal(), e.GetProperty(b).GetDecimal(), e.GetProperty(c).GetDecimal());

    private static (int, decimal, int, decimal, decimal) Payment(JsonElement r) =>
        (r.GetProperty("payments").GetInt32(), r.GetProperty("received").GetDecimal(), r.GetProperty("refunds").GetInt32(), r.GetProperty("refunded").GetDecimal(), r.GetProperty("net").GetDecimal());
}
