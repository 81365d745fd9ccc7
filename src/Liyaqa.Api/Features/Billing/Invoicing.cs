using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Members;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Raising and issuing a club's documents in the request's transaction. Numbers come from the club's counter row of
/// the series and year (<c>INV-2026</c>, <c>CN-2026</c>, <c>RCT-2026</c>), incremented in the same transaction: a
/// parallel issuer on any replica waits for the commit, and a rolled-back issue gives its number back, so numbers are
/// gap-free and unique.
/// </summary>
public sealed class Invoicing(LiyaqaDbContext db, TenantCounters counters, TimeProvider clock)
{
    /// <summary>
    /// A draft for <paramref name="member"/> with <paramref name="lines"/> and, unless told not to, the member's open fee
    /// lines, which become billed.
    /// </summary>
    public async Task<Invoice> DraftAsync(Tenant tenant, Member member, InvoiceType type, InvoiceParty? buyer, IEnumerable<InvoiceLineDraft> lines, bool withOpenCharges, CancellationToken ct)
    {
        var invoice = Invoice.Draft(member.Id, type, buyer ?? new InvoiceParty(BuyerName(member), null, null), tenant.Currency, clock.GetUtcNow());
        var charges = withOpenCharges ? await db.MemberCharges.Where(c => c.MemberId == member.Id && c.Status == ChargeStatus.Open).OrderBy(c => c.CreatedAt).ToListAsync(ct) : [];
        invoice.AddLines([.. lines, .. charges.Select(c => c.AsInvoiceLine())], tenant.VatRate);
        charges.ForEach(c => c.Bill(invoice.Id));
        db.Invoices.Add(invoice);
        return invoice;
    }

    /// <summary>Numbers and freezes a draft. The draft and its lines are written first: the database accepts lines only on drafts.</summary>
    public async Task IssueAsync(Invoice document, Tenant tenant, CancellationToken ct)
    {
        Invoice.RequireSellerComplete(tenant.Seller);
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        document.Issue(await NextNumberAsync(tenant, document.Kind == DocumentKind.Invoice ? "INV" : "CN", now, ct), tenant.Seller, now, Zone(tenant));
        await db.SaveChangesAsync(ct);
        BillingMetrics.Issued(document);
    }

    /// <summary>
    /// The invoice of a subscription just sold, renewed or changed: the plan's price less the discount (a plan change's
    /// proration credit is that discount) and the joining fee when charged, with the member's open fee lines. Issued
    /// when the club's billing details are complete, else left a draft for staff to issue. Nothing when it is free.
    /// </summary>
    public async Task<Invoice?> InvoiceSubscriptionAsync(Subscription subscription, MembershipPlan plan, Tenant tenant, CancellationToken ct)
    {
        if (subscription.Charge.Total == 0)
        {
            return null;
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == subscription.MemberId, ct);
        var period = $"{subscription.StartDate:yyyy-MM-dd} – {subscription.EndDate:yyyy-MM-dd}";
        List<InvoiceLineDraft> lines =
        [
            new(InvoiceItemKind.Membership, $"{plan.NameEn} ({period})", $"{plan.NameAr} ({period})", 1, plan.Price, subscription.Discount, plan.PriceIncludesVat, SubscriptionId: subscription.Id),
        ];
        if (subscription.Charge.Total > subscription.PeriodPrice && plan.JoiningFee > 0)
        {
            lines.Add(new(InvoiceItemKind.JoiningFee, "Joining fee", "رسوم الانتساب", 1, plan.JoiningFee, 0, plan.PriceIncludesVat, SubscriptionId: subscription.Id));
        }

        var invoice = await DraftAsync(tenant, member, InvoiceType.Simplified, null, lines, withOpenCharges: true, ct);
        if (Invoice.IsSellerComplete(tenant.Seller))
        {
            await IssueAsync(invoice, tenant, ct);
        }

        return invoice;
    }

    public async Task<string> NextNumberAsync(Tenant tenant, string series, DateTimeOffset now, CancellationToken ct)
    {
        var year = TimeZoneInfo.ConvertTime(now, Zone(tenant)).Year;
        var number = await counters.ReserveAsync($"{series}-{year}", 1, ct);
        return $"{series}-{year}-{number:D6}";
    }

    public static TimeZoneInfo Zone(Tenant tenant) => TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);

    private static string BuyerName(Member member) =>
        member.FullNameEn.Length > 0 ? member.FullNameEn : $"{member.FirstNameAr} {member.LastNameAr}".Trim();
}
