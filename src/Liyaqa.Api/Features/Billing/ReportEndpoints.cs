using System.Globalization;
using System.Text;
using CsvHelper;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// The club's accounting reports for managers and up: revenue, the VAT return, ageing of open balances, payments by
/// method and failed card payments. Each answers JSON, or with <c>format=csv</c> a CSV download (UTF-8 with a byte-order mark, invariant
/// decimals with two places, a header row).
/// </summary>
public static class ReportEndpoints
{
    public const string Route = "/api/reports";

    private static readonly string[] PlanColumns = ["plan_id", "plan_en", "plan_ar"];
    private static readonly string[] BranchColumns = ["branch_id", "branch_en"];

    public static WebApplication MapReports(this WebApplication app)
    {
        var group = app.MapTenantGroup(Route, Permissions.ReportsRead).WithTags("Reports");
        group.MapGet("/revenue", RevenueAsync)
            .WithSummary("Revenue per day or month (issued invoices less credit notes: net, VAT, total), optionally by plan; format=csv for a CSV file.");
        group.MapGet("/vat", VatAsync)
            .WithSummary("The VAT return of a month (2026-03) or quarter (2026-Q1): taxable amount and VAT per category and rate, invoices less credit notes; format=csv for a CSV file.");
        group.MapGet("/ageing", AgeingAsync)
            .WithSummary("Open balances per member on a day (default today) in 0-30, 31-60, 61-90 and 90+ days since issue; format=csv for a CSV file.");
        group.MapGet("/payments", PaymentsAsync)
            .WithSummary("Payments received, refunds and the net per method (optionally by branch) over the club's days from-to; format=csv for a CSV file.");
        group.MapGet("/failed-payments", FailedPaymentsAsync)
            .WithSummary("Card charges the gateway declined (online payments and renewal attempts) over the club's days from-to, with the reason; format=csv for a CSV file.");
        return app;
    }

    private static async Task<Results<Ok<FailedPaymentsReport>, FileContentHttpResult>> FailedPaymentsAsync(
        LiyaqaDbContext db, Reports reports, TimeProvider clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null, string? format = null)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var (start, end) = MonthToDate(tenant.DateAt(clock.GetUtcNow()), from, to);
        var report = await reports.FailedPaymentsAsync(tenant, start, end, ct);
        return !IsCsv(format)
            ? TypedResults.Ok(report)
            : Csv($"failed-payments-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
                ["at", "member_id", "member_number", "name_en", "invoice", "purpose", "amount", "code", "reason", "currency"],
                report.Rows.Select(r => new object?[] { r.At, r.MemberId, Domain.Members.Member.FormatNumber(r.MemberNumber), r.NameEn, r.InvoiceNumber, r.Purpose, r.Amount, r.Code, r.Reason, report.Currency }));
    }

    private static async Task<Results<Ok<RevenueReport>, FileContentHttpResult>> RevenueAsync(
        LiyaqaDbContext db, Reports reports, TimeProvider clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null,
        string? groupBy = null, string? by = null, string? format = null)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var (start, end) = MonthToDate(tenant.DateAt(clock.GetUtcNow()), from, to);
        var breakdown = Option(by, nameof(by), ReportBreakdown.None);
        var report = await reports.RevenueAsync(tenant, start, end, Option(groupBy, nameof(groupBy), RevenuePeriod.Day), breakdown, ct);
        if (!IsCsv(format))
        {
            return TypedResults.Ok(report);
        }

        var plan = breakdown == ReportBreakdown.Plan;
        return Csv($"revenue-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
            ["period", .. plan ? PlanColumns : [], "invoices", "credit_notes", "net", "vat", "total", "currency"],
            report.Rows.Select(r => (object?[])[r.Period, .. plan ? new object?[] { r.PlanId, r.PlanEn, r.PlanAr } : [], r.Invoices, r.CreditNotes, r.Net, r.Vat, r.Total, report.Currency]));
    }

    private static async Task<Results<Ok<VatReport>, FileContentHttpResult>> VatAsync(
        LiyaqaDbContext db, Reports reports, TimeProvider clock, CancellationToken ct, string? period = null, string? format = null)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var report = await reports.VatAsync(tenant, period ?? tenant.DateAt(clock.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture), ct);
        return !IsCsv(format)
            ? TypedResults.Ok(report)
            : Csv($"vat-{report.Period}.csv",
                ["period", "category", "rate", "invoiced_taxable", "invoiced_vat", "credited_taxable", "credited_vat", "taxable", "vat", "currency"],
                report.Rows.Select(r => new object?[] { report.Period, r.Category, r.Rate, r.InvoicedTaxable, r.InvoicedVat, r.CreditedTaxable, r.CreditedVat, r.Taxable, r.Vat, report.Currency }));
    }

    private static async Task<Results<Ok<AgeingReport>, FileContentHttpResult>> AgeingAsync(
        LiyaqaDbContext db, Reports reports, TimeProvider clock, CancellationToken ct, DateOnly? asOf = null, string? format = null)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var report = await reports.AgeingAsync(tenant, asOf ?? tenant.DateAt(clock.GetUtcNow()), ct);
        return !IsCsv(format)
            ? TypedResults.Ok(report)
            : Csv($"ageing-{report.AsOf:yyyy-MM-dd}.csv",
                ["member_id", "member_number", "name_en", "name_ar", "invoices", "days_0_30", "days_31_60", "days_61_90", "days_over_90", "outstanding", "currency"],
                report.Members.Select(r => new object?[] { r.MemberId, r.MemberNumber, r.NameEn, r.NameAr, r.Invoices, r.Days0To30, r.Days31To60, r.Days61To90, r.Over90, r.Outstanding, report.Currency }));
    }

    private static async Task<Results<Ok<PaymentsReport>, FileContentHttpResult>> PaymentsAsync(
        LiyaqaDbContext db, Reports reports, TimeProvider clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null,
        string? by = null, string? format = null)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        var (start, end) = MonthToDate(tenant.DateAt(clock.GetUtcNow()), from, to);
        var breakdown = Option(by, nameof(by), ReportBreakdown.None);
        var report = await reports.PaymentsAsync(tenant, start, end, breakdown, ct);
        if (!IsCsv(format))
        {
            return TypedResults.Ok(report);
        }

        var branch = breakdown == ReportBreakdown.Branch;
        return Csv($"payments-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
            ["method", .. branch ? BranchColumns : [], "payments", "received", "refunds", "refunded", "net", "currency"],
            report.Rows.Select(r => (object?[])[r.Method, .. branch ? new object?[] { r.BranchId, r.BranchEn } : [], r.Payments, r.Received, r.Refunds, r.Refunded, r.Net, report.Currency]));
    }

    /// <summary>JSON unless <c>format=csv</c>.</summary>
    private static bool IsCsv(string? format) => Option(format, nameof(format), ReportFormat.Json) == ReportFormat.Csv;

    /// <summary>A query option by its name in any case (<c>day</c>, <c>Day</c>); <paramref name="fallback"/> when left out.</summary>
    private static T Option<T>(string? value, string field, T fallback)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        var names = Enum.GetNames<T>();
        return names.FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : throw new DomainValidationException(field, $"One of {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}.");
    }

    /// <summary>The period asked for; by default the club's month to date.</summary>
    private static (DateOnly From, DateOnly To) MonthToDate(DateOnly today, DateOnly? from, DateOnly? to) =>
        (from ?? new DateOnly(today.Year, today.Month, 1), to ?? today);

    /// <summary>A CSV download: a header row, then the rows; decimals with two places, in the invariant culture; UTF-8 with a byte-order mark.</summary>
    private static FileContentHttpResult Csv(string fileName, IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in header)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        decimal amount => amount.ToString("0.00", CultureInfo.InvariantCulture),
                        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                        _ => value?.ToString(),
                    });
                }

                csv.NextRecord();
            }
        }

        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }
}
