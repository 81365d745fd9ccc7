using Liyaqa.Api.Features.Notifications;
using Liyaqa.Domain.Billing;
using Liyaqa.Domain.Memberships;
using Liyaqa.Domain.Notifications.Templates;
using Liyaqa.Domain.Tenants;
using Liyaqa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liyaqa.Api.Features.Billing;

/// <summary>
/// Collecting renewals from saved cards (<see cref="PaymentCollection"/>): started when a renewal is invoiced to a
/// member with a card, failed with a <c>payment-failed</c> message and the next try on the club's schedule, and, after
/// the last failure, the membership suspended. Paying the invoice any way, card or front desk, collects it and
/// resumes the membership.
/// </summary>
public sealed class RenewalCollections(LiyaqaDbContext db, Outbox outbox, TimeProvider clock)
{
    /// <summary>Starts collecting <paramref name="invoice"/> when the member has a saved card and something is owed.</summary>
    public async Task<PaymentCollection?> StartAsync(Invoice invoice, Subscription subscription, Tenant tenant, CancellationToken ct)
    {
        if (invoice.Number is null || invoice.Outstanding <= 0 || !await db.PaymentCards.AnyAsync(c => c.MemberId == invoice.MemberId, ct))
        {
            return null;
        }

        var collection = PaymentCollection.Start(invoice, subscription.Id, tenant.DateAt(clock.GetUtcNow()), clock.GetUtcNow());
        db.PaymentCollections.Add(collection);
        return collection;
    }

    /// <summary>An attempt failed: tells the member, schedules the next try, or suspends the membership after the last.</summary>
    public async Task FailAsync(PaymentCollection collection, Invoice invoice, string reason, Tenant tenant, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (collection.Failed(reason, tenant.DateAt(now), tenant.CollectionRetryDays))
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.Id == collection.SubscriptionId, ct);
            subscription.Suspend(invoice.Number!, now);
            BillingMetrics.Suspended();
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == collection.MemberId, ct);
        await outbox.QueueForMemberAsync(tenant, member, MessageTemplates.PaymentFailed, new Dictionary<string, object?>
        {
            ["amount"] = new Money(invoice.Outstanding, invoice.Currency),
            ["reason"] = reason,
        }, ct);
    }

    /// <summary>Marks the collections of <paramref name="invoices"/> that are now paid as collected and resumes suspended memberships.</summary>
    public async Task SettlePaidAsync(IReadOnlyCollection<Invoice> invoices, CancellationToken ct)
    {
        var paid = invoices.Where(i => i.Outstanding == 0).ToDictionary(i => i.Id);
        if (paid.Count == 0)
        {
            return;
        }

        var ids = paid.Keys.ToList();
        foreach (var collection in await db.PaymentCollections.Where(c => ids.Contains(c.InvoiceId) && c.Status != CollectionStatus.Collected).ToListAsync(ct))
        {
            if (collection.Collected(clock.GetUtcNow()))
            {
                var subscription = await db.Subscriptions.SingleAsync(s => s.Id == collection.SubscriptionId, ct);
                subscription.Resume(paid[collection.InvoiceId].Number!);
            }
        }
    }
}
