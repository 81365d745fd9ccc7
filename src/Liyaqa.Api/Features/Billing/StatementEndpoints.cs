using System.Security.Claims;
using Liyaqa.Api.Common.Security;
using Liyaqa.Api.Common.Tenancy;
using Liyaqa.Domain.Billing;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// A member's account: issued invoices (debit), credit notes and payments (credit), refunds (debit: money went back),
/// in time order with the running balance; a positive balance is what the member owes.
/// </summary>
public static class StatementEndpoints
{
    public static WebApplication MapStatements(this WebApplication app)
    {
        app.MapTenantGroup("/api/members", Permissions.InvoicesRead).WithTags("Billing")
            .MapGet("/{id:guid}/statement", StatementAsync).WithSummary("The member's invoices, credit notes, payments and refunds with the running balance.");
        var me = app.MapTenantGroup("/api/me", Permissions.MemberSelfService).WithTags("Member app");
        me.MapGet("/invoices", MyInvoicesAsync).WithSummary("My invoices and credit notes.");
        me.MapGet("/statement", MyStatementAsync).WithSummary("My account: invoices, payments and the balance.");
        return app;
    }

    private static async Task<Results<Ok<StatementResponse>, NotFound>> StatementAsync(Guid id, LiyaqaDbContext db, CancellationToken ct) =>
        await db.Members.AnyAsync(m => m.Id == id, ct) ? TypedResults.Ok(await StatementOfAsync(db, id, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<StatementResponse>, NotFound>> MyStatementAsync(ClaimsPrincipal user, LiyaqaDbContext db, CancellationToken ct) =>
        await db.SignedInMemberAsync(user, ct) is { } member ? TypedResults.Ok(await StatementOfAsync(db, member.Id, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<List<InvoiceResponse>>, NotFound>> MyInvoicesAsync(ClaimsPrincipal user, LiyaqaDbContext db, CancellationToken ct)
    {
        if (await db.SignedInMemberAsync(user, ct) is not { } member)
        {
            return TypedResults.NotFound();
        }

        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.MemberId == member.Id && i.Status != InvoiceStatus.Draft)
            .OrderByDescending(i => i.IssuedAt).Take(200).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(invoices.Select(InvoiceResponse.From).ToList());
    }

    private static async Task<StatementResponse> StatementOfAsync(LiyaqaDbContext db, Guid memberId, CancellationToken ct)
    {
        var currency = (await db.CurrentTenantAsync(ct)).Currency;
        var documents = await db.Invoices.AsNoTracking().Where(i => i.MemberId == memberId && i.Status != InvoiceStatus.Draft)
            .Select(i => new { i.Id, i.Kind, i.Number, i.Total, At = i.IssuedAt!.Value }).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.MemberId == memberId)
            .Select(p => new { p.Id, p.Number, p.Amount, At = p.ReceivedAt }).ToListAsync(ct);
        var movements = documents
            .Select(d => (d.At, Kind: d.Kind == DocumentKind.Invoice ? "invoice" : "credit-note", d.Id, Number: d.Number!, Debit: d.Kind == DocumentKind.Invoice ? d.Total : 0, Credit: d.Kind == DocumentKind.CreditNote ? d.Total : 0))
            .Concat(payments.Select(p => (p.At, Kind: p.Amount < 0 ? "refund" : "payment", p.Id, p.Number, Debit: p.Amount < 0 ? -p.Amount : 0, Credit: p.Amount > 0 ? p.Amount : 0)))
            .OrderBy(m => m.At).ThenBy(m => m.Number, StringComparer.Ordinal)
            .ToList();
        var balance = 0m;
        var entries = movements.Select(m => new StatementEntry(m.At, m.Kind, m.Id, m.Number, m.Debit, m.Credit, balance += m.Debit - m.Credit)).ToList();
        return new StatementResponse(memberId, currency, balance, entries);
    }
}
