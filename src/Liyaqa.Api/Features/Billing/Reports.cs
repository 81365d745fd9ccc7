using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

public enum ReportFormat
{
    Json,
    Csv,
}

public enum RevenuePeriod
{
    Day,
    Month,
}

/// <summary>How a report's rows are split beyond the period: not at all, by membership plan, by branch.</summary>
public enum ReportBreakdown
{
    None,
    Plan,
    Branch,
}

/// <summary>
/// One period's revenue: issued invoices less credit notes, by their issue date on the club's calendar. Split by plan,
/// the figures are the lines' (a line's plan is its subscription's; lines of no subscription have no plan).
/// </summary>
public sealed record RevenueRow(string Period, Guid? PlanId, string? PlanEn, string? PlanAr, int Invoices, int CreditNotes, decimal Net, decimal Vat, decimal Total);

public sealed record RevenueReport(DateOnly From, DateOnly To, RevenuePeriod GroupBy, ReportBreakdown By, string Currency, IReadOnlyList<RevenueRow> Rows, decimal Net, decimal Vat, decimal Total);

/// <summary>One VAT category and rate of a return: invoiced less credited, taxable amount and VAT.</summary>
public sealed record VatRow(VatCategory Category, decimal Rate, decimal InvoicedTaxable, decimal InvoicedVat, decimal CreditedTaxable, decimal CreditedVat, decimal Taxable, decimal Vat);

public sealed record VatReport(string Period, DateOnly From, DateOnly To, string Currency, IReadOnlyList<VatRow> Rows, decimal Taxable, decimal Vat);

/// <summary>What a member owed on the report's date, by the days since each open invoice was issued.</summary>
public sealed record AgeingRow(Guid MemberId, string MemberNumber, string NameEn, string NameAr, int Invoices, decimal Days0To30, decimal Days31To60, decimal Days61To90, decimal Over90, decimal Outstanding);

public sealed record AgeingTotals(int Members, int Invoices, decimal Days0To30, decimal Days31To60, decimal Days61To90, decimal Over90, decimal Outstanding);

public sealed record AgeingReport(DateOnly AsOf, string Currency, IReadOnlyList<AgeingRow> Members, AgeingTotals Totals);

/// <summary>Payments and refunds of one method (and branch, when split by branch); refunds as a positive amount.</summary>
public sealed record PaymentsRow(PaymentMethod Method, Guid? BranchId, string? BranchEn, int Payments, decimal Received, int Refunds, decimal Refunded, decimal Net);

/// <summary>A card charge the gateway declined: who, for which invoice, and the issuer's reason.</summary>
public sealed record FailedPaymentRow(DateTimeOffset At, Guid MemberId, int MemberNumber, string NameEn, string? InvoiceNumber, GatewayChargePurpose Purpose, decimal Amount, string? Code, string? Reason);

public sealed record FailedPaymentsReport(DateOnly From, DateOnly To, string Currency, IReadOnlyList<FailedPaymentRow> Rows, int Count, decimal Amount);

public sealed record PaymentsReport(DateOnly From, DateOnly To, ReportBreakdown By, string Currency, IReadOnlyList<PaymentsRow> Rows, decimal Received, decimal Refunded, decimal Net);

/// <summary>
/// The club's revenue, VAT, ageing and payments figures, each aggregated by PostgreSQL (GROUP BY) in the request's
/// transaction: the tenant's row-level security applies, and each query names the tenant too. Dates are the club's:
/// documents by their issue date, payments by the club's day they were received on.
/// </summary>
public sealed class Reports(LiyaqaDbContext db)
{
    public const int MaxDaysByDay = 366;
    public const int MaxYears = 5;

    private Guid TenantId => db.CurrentTenantId ?? throw new InvalidOperationException("Reports belong to a club.");

    public async Task<RevenueReport> RevenueAsync(Tenant tenant, DateOnly from, DateOnly to, RevenuePeriod groupBy, ReportBreakdown by, CancellationToken ct)
    {
        new DomainErrors()
            .Check(Enum.IsDefined(groupBy), "groupBy", "day or month.")
            .Check(by is ReportBreakdown.None or ReportBreakdown.Plan, "by", "plan, or nothing (invoices carry no branch: see the payments report by branch).")
            .ThrowIfAny();
        CheckPeriod(from, to, groupBy == RevenuePeriod.Day ? MaxDaysByDay : null);
        var unit = groupBy == RevenuePeriod.Day ? "day" : "month";
        var rows = by == ReportBreakdown.Plan
            ? await db.Database.SqlQuery<RevenueSql>($"""
                SELECT date_trunc({unit}, i.issue_date::timestamp)::date AS period, s.plan_id,
                       coalesce(max(p.name_en), max(s.plan_name_en)) AS plan_en, coalesce(max(p.name_ar), max(s.plan_name_ar)) AS plan_ar,
                       (count(DISTINCT i.id) FILTER (WHERE i.kind = 'Invoice'))::int AS invoices,
                       (count(DISTINCT i.id) FILTER (WHERE i.kind = 'CreditNote'))::int AS credit_notes,
                       sum(CASE WHEN i.kind = 'CreditNote' THEN -l.net_amount ELSE l.net_amount END) AS net,
                       sum(CASE WHEN i.kind = 'CreditNote' THEN -l.vat_amount ELSE l.vat_amount END) AS vat,
                       sum(CASE WHEN i.kind = 'CreditNote' THEN -l.gross_amount ELSE l.gross_amount END) AS total
                FROM invoices i
                JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id
                LEFT JOIN subscriptions s ON s.tenant_id = l.tenant_id AND s.id = l.subscription_id
                LEFT JOIN membership_plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id
                WHERE i.tenant_id = {TenantId} AND i.status <> 'Draft' AND i.issue_date BETWEEN {from} AND {to}
                GROUP BY 1, 2
                ORDER BY 1, 3 NULLS LAST
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<RevenueSql>($"""
                SELECT date_trunc({unit}, i.issue_date::timestamp)::date AS period, NULL::uuid AS plan_id, NULL AS plan_en, NULL AS plan_ar,
                       (count(*) FILTER (WHERE i.kind = 'Invoice'))::int AS invoices,
                       (count(*) FILTER (WHERE i.kind = 'CreditNote'))::int AS credit_notes,
                       sum(CASE WHEN i.kind = 'CreditNote' THEN -i.net_total ELSE i.net_total END) AS net,
                       sum(CASE WHEN i.kind = 'CreditNote' THEN -i.vat_total ELSE i.vat_total END) AS vat,
                       sum(CASE WHEN i.kind = 'CreditNote' THEN -i.total ELSE i.total END) AS total
                FROM invoices i
                WHERE i.tenant_id = {TenantId} AND i.status <> 'Draft' AND i.issue_date BETWEEN {from} AND {to}
                GROUP BY 1
                ORDER BY 1
                """).ToListAsync(ct);
        var result = rows.Select(r => new RevenueRow(PeriodLabel(r.Period, groupBy), r.PlanId, r.PlanEn, r.PlanAr, r.Invoices, r.CreditNotes, r.Net, r.Vat, r.Total)).ToList();
        return new RevenueReport(from, to, groupBy, by, tenant.Currency, result, result.Sum(r => r.Net), result.Sum(r => r.Vat), result.Sum(r => r.Total));
    }

    /// <summary>
    /// The VAT return of a month (<c>2026-03</c>) or quarter (<c>2026-Q1</c>): per category and rate, each document's
    /// VAT as it computed it (its taxable amount × rate, rounded once), invoices less credit notes.
    /// </summary>
    public async Task<VatReport> VatAsync(Tenant tenant, string period, CancellationToken ct)
    {
        var (from, to) = ParseVatPeriod(period);
        var rows = await db.Database.SqlQuery<VatSql>($"""
            WITH per_document AS (
                SELECT i.kind, l.category, l.vat_rate, sum(l.net_amount) AS taxable, round(sum(l.net_amount) * l.vat_rate, 2) AS vat
                FROM invoices i
                JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id
                WHERE i.tenant_id = {TenantId} AND i.status <> 'Draft' AND i.issue_date BETWEEN {from} AND {to}
                GROUP BY i.id, i.kind, l.category, l.vat_rate)
            SELECT category, vat_rate AS rate,
                   coalesce(sum(taxable) FILTER (WHERE kind = 'Invoice'), 0) AS invoiced_taxable,
                   coalesce(sum(vat) FILTER (WHERE kind = 'Invoice'), 0) AS invoiced_vat,
                   coalesce(sum(taxable) FILTER (WHERE kind = 'CreditNote'), 0) AS credited_taxable,
                   coalesce(sum(vat) FILTER (WHERE kind = 'CreditNote'), 0) AS credited_vat
            FROM per_document
            GROUP BY category, vat_rate
            """).ToListAsync(ct);
        var result = rows.Select(r => new VatRow(Enum.Parse<VatCategory>(r.Category), r.Rate, r.InvoicedTaxable, r.InvoicedVat, r.CreditedTaxable, r.CreditedVat,
            r.InvoicedTaxable - r.CreditedTaxable, r.InvoicedVat - r.CreditedVat)).OrderBy(r => r.Category).ThenBy(r => r.Rate).ToList();
        return new VatReport(period.Trim().ToUpperInvariant(), from, to, tenant.Currency, result, result.Sum(r => r.Taxable), result.Sum(r => r.Vat));
    }

    /// <summary>
    /// Open balances at the end of the club's <paramref name="asOf"/> day: each invoice issued by then, less the credit
    /// notes and payments (refunds negative) made by then, aged by the days since its issue date.
    /// </summary>
    public async Task<AgeingReport> AgeingAsync(Tenant tenant, DateOnly asOf, CancellationToken ct)
    {
        CheckDay(asOf, "asOf");
        var end = StartOfDay(tenant, asOf.AddDays(1));
        var rows = await db.Database.SqlQuery<AgeingSql>($"""
            WITH open AS (
                SELECT i.member_id, {asOf} - i.issue_date AS age,
                       i.total
                       - coalesce((SELECT sum(c.total) FROM invoices c
                                   WHERE c.tenant_id = i.tenant_id AND c.referenced_invoice_id = i.id AND c.status <> 'Draft' AND c.issued_at < {end}), 0)
                       - coalesce((SELECT sum(a.amount) FROM payment_allocations a
                                   JOIN payments p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
                                   WHERE a.tenant_id = i.tenant_id AND a.invoice_id = i.id AND p.received_at < {end}), 0) AS outstanding
                FROM invoices i
                WHERE i.tenant_id = {TenantId} AND i.kind = 'Invoice' AND i.status <> 'Draft' AND i.issued_at < {end})
            SELECT o.member_id, m.number, m.first_name_en, m.last_name_en, m.first_name_ar, m.last_name_ar, count(*)::int AS invoices,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.age <= 30), 0) AS days0to30,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.age BETWEEN 31 AND 60), 0) AS days31to60,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.age BETWEEN 61 AND 90), 0) AS days61to90,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.age > 90), 0) AS over90,
                   sum(o.outstanding) AS outstanding
            FROM open o
            JOIN members m ON m.tenant_id = {TenantId} AND m.id = o.member_id
            WHERE o.outstanding > 0
            GROUP BY o.member_id, m.number, m.first_name_en, m.last_name_en, m.first_name_ar, m.last_name_ar
            ORDER BY sum(o.outstanding) DESC, m.number
            """).ToListAsync(ct);
        var result = rows.Select(r => new AgeingRow(r.MemberId, Member.FormatNumber(r.Number), $"{r.FirstNameEn} {r.LastNameEn}".Trim(), $"{r.FirstNameAr} {r.LastNameAr}".Trim(),
            r.Invoices, r.Days0To30, r.Days31To60, r.Days61To90, r.Over90, r.Outstanding)).ToList();
        var totals = new AgeingTotals(result.Count, result.Sum(r => r.Invoices), result.Sum(r => r.Days0To30), result.Sum(r => r.Days31To60), result.Sum(r => r.Days61To90),
            result.Sum(r => r.Over90), result.Sum(r => r.Outstanding));
        return new AgeingReport(asOf, tenant.Currency, result, totals);
    }

    /// <summary>Payments received and refunds paid out on the club's days <paramref name="from"/> to <paramref name="to"/>, by method (and branch).</summary>
    public async Task<PaymentsReport> PaymentsAsync(Tenant tenant, DateOnly from, DateOnly to, ReportBreakdown by, CancellationToken ct)
    {
        new DomainErrors().Check(by is ReportBreakdown.None or ReportBreakdown.Branch, "by", "branch, or nothing.").ThrowIfAny();
        CheckPeriod(from, to, maxDays: null);
        var byBranch = by == ReportBreakdown.Branch;
        var rows = await db.Database.SqlQuery<PaymentsSql>($"""
            SELECT p.method, CASE WHEN {byBranch} THEN p.branch_id END AS branch_id, max(b.name_en) AS branch_en,
                   (count(*) FILTER (WHERE p.amount > 0))::int AS payments, coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0) AS received,
                   (count(*) FILTER (WHERE p.amount < 0))::int AS refunds, coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0) AS refunded
            FROM payments p
            LEFT JOIN branches b ON {byBranch} AND b.tenant_id = p.tenant_id AND b.id = p.branch_id
            WHERE p.tenant_id = {TenantId} AND p.received_at >= {StartOfDay(tenant, from)} AND p.received_at < {StartOfDay(tenant, to.AddDays(1))}
            GROUP BY 1, 2
            """).ToListAsync(ct);
        var found = rows.Select(r => new PaymentsRow(Enum.Parse<PaymentMethod>(r.Method), r.BranchId, r.BranchEn, r.Payments, r.Received, r.Refunds, r.Refunded, r.Received - r.Refunded));
        // Unsplit, every method has its row (zero when unused), as the day close lists them.
        var result = (byBranch ? found : Enum.GetValues<PaymentMethod>().Select(m => found.SingleOrDefault(r => r.Method == m) ?? new PaymentsRow(m, null, null, 0, 0, 0, 0, 0)))
            .OrderBy(r => r.Method).ThenBy(r => r.BranchEn, StringComparer.Ordinal).ToList();
        return new PaymentsReport(from, to, by, tenant.Currency, result, result.Sum(r => r.Received), result.Sum(r => r.Refunded), result.Sum(r => r.Net));
    }

    /// <summary>The instant the club's <paramref name="day"/> starts, in UTC.</summary>
    public static DateTimeOffset StartOfDay(Tenant tenant, DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Invoicing.Zone(tenant).GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>A day the reports and the day close accept: from the year 2000 to 9000.</summary>
    public static void CheckDay(DateOnly day, string field) =>
        new DomainErrors().Check(day.Year is >= 2000 and <= 9000, field, "A day from the year 2000 on.").ThrowIfAny();

    /// <summary>Card charges declined over the club's days from-to (online payments and renewal attempts), oldest first.</summary>
    public async Task<FailedPaymentsReport> FailedPaymentsAsync(Tenant tenant, DateOnly from, DateOnly to, CancellationToken ct)
    {
        CheckPeriod(from, to, maxDays: null);
        var (start, end) = (StartOfDay(tenant, from), StartOfDay(tenant, to.AddDays(1)));
        var rows = await (
            from c in db.GatewayCharges.AsNoTracking()
            where c.Status == GatewayChargeStatus.Declined && c.SettledAt >= start && c.SettledAt < end
            join m in db.Members on c.MemberId equals m.Id
            join i in db.Invoices on c.InvoiceId equals i.Id
            orderby c.SettledAt
            select new FailedPaymentRow(c.SettledAt!.Value, m.Id, m.Number, m.FirstNameEn + " " + m.LastNameEn, i.Number, c.Purpose, c.Amount, c.DeclineCode, c.DeclineMessage))
            .Take(10_000).ToListAsync(ct);
        return new FailedPaymentsReport(from, to, tenant.Currency, rows, rows.Count, rows.Sum(r => r.Amount));
    }

    private static void CheckPeriod(DateOnly from, DateOnly to, int? maxDays)
    {
        CheckDay(from, "from");
        CheckDay(to, "to");
        new DomainErrors()
            .Check(from <= to, "to", "On or after from.")
            .Check(maxDays is null || to.DayNumber - from.DayNumber < maxDays, "to", $"At most {maxDays} days by day; group by month for longer.")
            .Check(to < from.AddYears(MaxYears), "to", $"At most {MaxYears} years.")
            .ThrowIfAny();
    }

    private static (DateOnly From, DateOnly To) ParseVatPeriod(string period)
    {
        var text = period?.Trim().ToUpperInvariant() ?? string.Empty;
        var parts = text.Split('-');
        if (parts.Length == 2 && parts[0].Length == 4 && int.TryParse(parts[0], out var year) && year is >= 2000 and <= 9000)
        {
            if (parts[1].Length == 2 && parts[1][0] == 'Q' && parts[1][1] is >= '1' and <= '4')
            {
                var first = new DateOnly(year, ((parts[1][1] - '1') * 3) + 1, 1);
                return (first, first.AddMonths(3).AddDays(-1));
            }

            if (parts[1].Length == 2 && int.TryParse(parts[1], out var month) && month is >= 1 and <= 12)
            {
                var first = new DateOnly(year, month, 1);
                return (first, first.AddMonths(1).AddDays(-1));
            }
        }

        throw new DomainValidationException("period", "A month (2026-03) or a quarter (2026-Q1).");
    }

    private static string PeriodLabel(DateOnly start, RevenuePeriod groupBy) =>
        start.ToString(groupBy == RevenuePeriod.Day ? "yyyy-MM-dd" : "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record RevenueSql(DateOnly Period, Guid? PlanId, string? PlanEn, string? PlanAr, int Invoices, int CreditNotes, decimal Net, decimal Vat, decimal Total);

    private sealed record VatSql(string Category, decimal Rate, decimal InvoicedTaxable, decimal InvoicedVat, decimal CreditedTaxable, decimal CreditedVat);

    private sealed record AgeingSql(Guid MemberId, int Number, string FirstNameEn, string LastNameEn, string FirstNameAr, string LastNameAr, int Invoices,
        decimal Days0To30, decimal Days31To60, decimal Days61To90, decimal Over90, decimal Outstanding);

    private sealed record PaymentsSql(string Method, Guid? BranchId, string? BranchEn, int Payments, decimal Received, int Refunds, decimal Refunded);
}
