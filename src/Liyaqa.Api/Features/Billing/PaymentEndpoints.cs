using Liyaqa.Api.Common.Idempotency;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>Payments: the front desk records money taken against one invoice or the member's open invoices, oldest first.</summary>
public static class PaymentEndpoints
{
    public const string Route = "/api/payments";

    public static WebApplication MapPayments(this WebApplication app)
    {
        app.MapTenantGroup(Route, Permissions.PaymentsRecord).WithTags("Billing")
            .MapPost("/", RecordAsync).WithIdempotencyKey()
            .WithSummary("Record a payment (cash, card, mada, bank transfer, online); partial payments are fine, overpayment is refused.");
        var read = app.MapTenantGroup(Route, Permissions.InvoicesRead).WithTags("Billing");
        read.MapGet("/", ListAsync).WithSummary("Payments and refunds, newest first; filter by memberId.");
        read.MapGet("/{id:guid}", GetAsync).WithSummary("A payment or refund and the invoices it went to.");
        read.MapGet("/{id:guid}/receipt", ReceiptAsync).WithSummary("The receipt as printable HTML, Arabic and English side by side.");
        return app;
    }

    private static async Task<Results<Created<PaymentResponse>, NotFound>> RecordAsync(PaymentRequest request, LiyaqaDbContext db, Invoicing invoicing, RenewalCollections collections,
        TimeProvider clock, CancellationToken ct)
    {
        var tenant = await db.CurrentTenantAsync(ct);
        if (request.Currency is { } currency && !string.Equals(currency, tenant.Currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainRuleException("currency-mismatch", $"The club takes payments in {tenant.Currency} only.");
        }

        if (!await db.Members.AnyAsync(m => m.Id == request.MemberId, ct) || (request.BranchId is { } branch && !await db.Branches.AnyAsync(b => b.Id == branch, ct)))
        {
            return TypedResults.NotFound();
        }

        // The invoices paid, locked oldest first so parallel payments of one member queue instead of both paying one invoice.
        var invoices = await db.Invoices.FromSql($"""
            SELECT *, xmin FROM invoices WHERE member_id = {request.MemberId} AND kind = 'Invoice' AND status IN ('Issued', 'PartiallyPaid')
            ORDER BY issued_at, number FOR UPDATE
            """).ToListAsync(ct);
        if (request.InvoiceId is { } invoiceId)
        {
            if (!await db.Invoices.AnyAsync(i => i.Id == invoiceId && i.MemberId == request.MemberId, ct))
            {
                return TypedResults.NotFound();
            }

            invoices = invoices.Where(i => i.Id == invoiceId).ToList();
            if (invoices.Count == 0)
            {
                throw new DomainRuleException("invoice-not-payable", "Only an issued invoice with something left to pay can be paid.");
            }
        }

        var now = clock.GetUtcNow();
        Payment payment;
        try
        {
            payment = Payment.Receive(await invoicing.NextNumberAsync(tenant, "RCT", now, ct), request.MemberId, request.Method, request.Amount, tenant.Currency,
                request.BranchId, request.Reference, invoices, now);
        }
        catch (DomainRuleException) when (Enum.IsDefined(request.Method))
        {
            BillingMetrics.Payment(request.Method, "refused", 0);
            throw;
        }

        db.Payments.Add(payment);
        await collections.SettlePaidAsync(invoices, ct);
        await db.SaveChangesAsync(ct);
        BillingMetrics.Payment(payment.Method, "received", payment.Amount);
        return TypedResults.Created($"{Route}/{payment.Id}", PaymentResponse.From(payment));
    }

    private static async Task<Ok<List<PaymentResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct, Guid? memberId = null) =>
        TypedResults.Ok((await db.Payments.AsNoTracking().Where(p => memberId == null || p.MemberId == memberId)
            .OrderByDescending(p => p.ReceivedAt).Take(200).ToListAsync(ct)).Select(PaymentResponse.From).ToList());

    private static async Task<Results<Ok<PaymentResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } payment ? TypedResults.Ok(PaymentResponse.From(payment)) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> ReceiptAsync(Guid id, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } payment)
        {
            return TypedResults.NotFound();
        }

        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
        return TypedResults.Text(PrintedDocuments.Receipt(payment, (await db.CurrentTenantAsync(ct)).Name, numbers), "text/html; charset=utf-8");
    }
}
