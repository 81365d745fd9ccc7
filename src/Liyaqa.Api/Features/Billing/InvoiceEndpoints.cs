using System.Globalization;
using Liyaqa.Api.Common.Idempotency;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Api.Features.Billing.Gateway;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Common;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Invoices and credit notes: staff draft and issue manual invoices (subscriptions invoice themselves), print them,
/// and managers credit or refund them. Every money POST honours Idempotency-Key.
/// </summary>
public static class InvoiceEndpoints
{
    public const string Route = "/api/invoices";

    public static WebApplication MapInvoices(this WebApplication app)
    {
        var read = app.MapTenantGroup(Route, Permissions.InvoicesRead).WithTags("Billing");
        read.MapGet("/", ListAsync).WithSummary("Invoices and credit notes, newest first; filter by memberId, kind and status.");
        read.MapGet("/{id:guid}", GetAsync).WithSummary("An invoice or credit note with its lines, VAT breakdown and QR payload.");
        read.MapGet("/{id:guid}/print", PrintAsync).WithSummary("The document as printable HTML, Arabic and English side by side, with the ZATCA QR code.");
        var manage = app.MapTenantGroup(Route, Permissions.InvoicesManage).WithTags("Billing");
        manage.MapPost("/", CreateAsync).WithIdempotencyKey().WithSummary("A manual invoice (draft, or issued at once with issue: true); the member's open fee lines are added.");
        manage.MapPost("/{id:guid}/issue", IssueAsync).WithIdempotencyKey().WithSummary("Number and freeze a draft.");
        var credit = app.MapTenantGroup(Route, Permissions.CreditNotesIssue).WithTags("Billing");
        credit.MapPost("/{id:guid}/credit-notes", CreditAsync).WithIdempotencyKey().WithSummary("Credit all of an invoice (cancelling it) or an amount of it, without paying money back.");
        credit.MapPost("/{id:guid}/refunds", RefundAsync).WithIdempotencyKey().WithSummary("Pay back money paid on an invoice, through a credit note.");
        var settings = app.MapTenantGroup("/api/billing/settings", Permissions.BillingSettings).WithTags("Billing");
        settings.MapGet("/", GetSettingsAsync).WithSummary("The seller details the club's invoices carry.");
        settings.MapPut("/", PutSettingsAsync).WithSummary("Set the club's VAT number and address, and the retry days of failed renewal charges.");
        return app;
    }

    private static async Task<Ok<List<InvoiceResponse>>> ListAsync(LiyaqaDbContext db, CancellationToken ct, Guid? memberId = null, DocumentKind? kind = null, InvoiceStatus? status = null)
    {
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => (memberId == null || i.MemberId == memberId) && (kind == null || i.Kind == kind) && (status == null || i.Status == status))
            .OrderByDescending(i => i.CreatedAt).Take(200).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(invoices.Select(InvoiceResponse.From).ToList());
    }

    private static async Task<Results<Ok<InvoiceResponse>, NotFound>> GetAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct) is { } invoice
            ? TypedResults.Ok(InvoiceResponse.From(invoice))
            : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> PrintAsync(Guid id, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id, ct) is not { } document)
        {
            return TypedResults.NotFound();
        }

        var referenced = document.ReferencedInvoiceId is { } original ? await db.Invoices.Where(i => i.Id == original).Select(i => i.Number).SingleAsync(ct) : null;
        return TypedResults.Text(PrintedDocuments.Invoice(document, referenced), "text/html; charset=utf-8");
    }

    private static async Task<Results<Created<InvoiceResponse>, NotFound>> CreateAsync(CreateInvoiceRequest request, LiyaqaDbContext db, Invoicing invoicing, CancellationToken ct)
    {
        if (await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MemberId && m.ArchivedAt == null, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        new DomainErrors().Check(request.Lines is { Count: > 0 }, "lines", "At least one line.").ThrowIfAny();
        var tenant = await db.CurrentTenantAsync(ct);
        var invoice = await invoicing.DraftAsync(tenant, member, request.Type, request.Buyer, request.Lines.Select(l => l.ToDraft()), request.IncludeOpenCharges, ct);
        if (request.Issue)
        {
            await invoicing.IssueAsync(invoice, tenant, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Created($"{Route}/{invoice.Id}", InvoiceResponse.From(invoice));
    }

    private static async Task<Results<Ok<InvoiceResponse>, NotFound>> IssueAsync(Guid id, LiyaqaDbContext db, Invoicing invoicing, CancellationToken ct)
    {
        if (await LockAsync(db, id, ct) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        await invoicing.IssueAsync(invoice, await db.CurrentTenantAsync(ct), ct);
        return TypedResults.Ok(InvoiceResponse.From(invoice));
    }

    private static async Task<Results<Created<InvoiceResponse>, NotFound>> CreditAsync(Guid id, CreditNoteRequest request, LiyaqaDbContext db, Invoicing invoicing, TimeProvider clock, CancellationToken ct)
    {
        if (await LockAsync(db, id, ct) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        var note = invoice.CreditNote(request.Amount, request.Reason, refund: false, clock.GetUtcNow());
        db.Invoices.Add(note);
        await invoicing.IssueAsync(note, await db.CurrentTenantAsync(ct), ct);
        invoice.ApplyCredit(note, refunded: false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Route}/{note.Id}", InvoiceResponse.From(note));
    }

    private static async Task<Results<Created<RefundResponse>, NotFound, ProblemHttpResult>> RefundAsync(
        Guid id, RefundRequest request, LiyaqaDbContext db, Invoicing invoicing, IPaymentGateway gateway, TimeProvider clock, CancellationToken ct)
    {
        if (await LockAsync(db, id, ct) is not { } invoice)
        {
            return TypedResults.NotFound();
        }

        if (request.BranchId is { } branch && !await db.Branches.AnyAsync(b => b.Id == branch, ct))
        {
            return TypedResults.NotFound();
        }

        // Stable across retries of this refund (a failed one rolls back), so the gateway never pays it twice.
        var gatewayKey = $"refund:{invoice.Id}:{invoice.CreditedAmount.ToString("0.00", CultureInfo.InvariantCulture)}";
        var now = clock.GetUtcNow();
        var note = invoice.CreditNote(request.Amount, request.Reason, refund: true, now);
        var method = request.Method ?? await db.Payments.Where(p => p.Amount > 0 && p.Allocations.Any(a => a.InvoiceId == id))
            .OrderByDescending(p => p.ReceivedAt).Select(p => (PaymentMethod?)p.Method).FirstOrDefaultAsync(ct) ?? PaymentMethod.Cash;
        string? reference = null;
        if (method == PaymentMethod.Online)
        {
            // Back to the card: the invoice's latest card payment, refunded at the gateway.
            var charge = await db.Payments.Where(p => p.Method == PaymentMethod.Online && p.Amount > 0 && p.Reference != null && p.Allocations.Any(a => a.InvoiceId == id))
                .OrderByDescending(p => p.ReceivedAt).Select(p => p.Reference).FirstOrDefaultAsync(ct)
                ?? throw new DomainRuleException("no-card-payment", "This invoice was not paid by card online; refund it by another method.");
            try
            {
                reference = await gateway.RefundAsync(charge, note.Total, gatewayKey, ct);
            }
            catch (GatewayTimeoutException)
            {
                return GatewayProblems.NoAnswer();
            }
        }

        var tenant = await db.CurrentTenantAsync(ct);
        db.Invoices.Add(note);
        await invoicing.IssueAsync(note, tenant, ct);
        invoice.ApplyCredit(note, refunded: true);
        var refund = Payment.Refund(await invoicing.NextNumberAsync(tenant, "RCT", now, ct), invoice, note, method, request.BranchId, note.IssuedAt!.Value, reference);
        db.Payments.Add(refund);
        await db.SaveChangesAsync(ct);
        BillingMetrics.Payment(method, "refunded", refund.Amount);
        return TypedResults.Created($"{PaymentEndpoints.Route}/{refund.Id}", new RefundResponse(InvoiceResponse.From(note), PaymentResponse.From(refund)));
    }

    /// <summary>The invoice with its lines, its row locked until the commit so payments and credits of it queue.</summary>
    internal static async Task<Invoice?> LockAsync(LiyaqaDbContext db, Guid id, CancellationToken ct)
    {
        var invoice = await db.Invoices.FromSql($"SELECT *, xmin FROM invoices WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (invoice is not null)
        {
            await db.Entry(invoice).Collection(i => i.Lines).LoadAsync(ct);
        }

        return invoice;
    }

    private static async Task<Ok<BillingSettingsResponse>> GetSettingsAsync(LiyaqaDbContext db, CancellationToken ct) =>
        TypedResults.Ok(Settings(await db.CurrentTenantAsync(ct)));

    private static async Task<Ok<BillingSettingsResponse>> PutSettingsAsync(BillingSettingsRequest request, LiyaqaDbContext db, CancellationToken ct)
    {
        var tenant = await db.Tenants.SingleAsync(t => t.Id == db.CurrentTenantId, ct);
        tenant.SetBillingDetails(request.VatNumber, request.Address);
        if (request.CollectionRetryDays is { } retryDays)
        {
            tenant.SetCollectionRetryDays(retryDays);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Settings(tenant));
    }

    private static BillingSettingsResponse Settings(Domain.Tenants.Tenant t) =>
        new(t.Name, t.VatNumber, t.Address, t.VatRate, t.Currency, t.TimeZone, Invoice.IsSellerComplete(t.Seller), t.CollectionRetryDays);
}
